package io.persona.microbench;

import io.persona.avro.ClickEvent;
import io.persona.avro.CustomerProfile;
import io.persona.avro.PosTransaction;
import io.persona.config.ConfigLoader;
import io.persona.profile.ProfileUpdater;
import io.persona.serde.AvroSafety;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Folding one event into a warm profile: the domain work of every click and basket, without Kafka or stores. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProfileUpdateBenchmark {
  private ProfileUpdater updater;
  private CustomerProfile profile;
  private List<ClickEvent> clicks;
  private List<PosTransaction> baskets;
  private int next;

  @Setup
  public void setUp() {
    AvroSafety.install();
    updater = new ProfileUpdater(ConfigLoader.load(Map.of(), null).profile());
    profile = Shop.warmProfile(updater);
    clicks = Shop.clicks(1024, 3);
    baskets = Shop.baskets(1024, 4);
  }

  @Benchmark
  public CustomerProfile click() {
    profile = updater.applyClick("c-1", profile, clicks.get(next++ & 1023));
    return profile;
  }

  @Benchmark
  public CustomerProfile basket() {
    profile = updater.applyBasket("c-1", profile, baskets.get(next++ & 1023));
    return profile;
  }
}
