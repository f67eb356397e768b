package io.persona.microbench;

import io.persona.avro.ClickEvent;
import io.persona.avro.CustomerProfile;
import io.persona.config.ConfigLoader;
import io.persona.profile.ProfileUpdater;
import io.persona.serde.AvroSafety;
import io.persona.topology.Topics;
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

/** The Avro wire format of the two records every event touches: the click in, the profile read and written. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdeBenchmark {
  private ClickEvent click;
  private byte[] clickBytes;
  private CustomerProfile profile;
  private byte[] profileBytes;

  @Setup
  public void setUp() {
    AvroSafety.install();
    click = Shop.clicks(1, 5).get(0);
    clickBytes = Topics.CLICKSTREAM.valueSerde().encode(click);
    profile = Shop.warmProfile(new ProfileUpdater(ConfigLoader.load(Map.of(), null).profile()));
    profileBytes = Topics.CUSTOMER_PROFILES.valueSerde().encode(profile);
  }

  @Benchmark
  public byte[] encodeClick() {
    return Topics.CLICKSTREAM.valueSerde().encode(click);
  }

  @Benchmark
  public ClickEvent decodeClick() {
    return Topics.CLICKSTREAM.valueSerde().decode(clickBytes);
  }

  @Benchmark
  public byte[] encodeProfile() {
    return Topics.CUSTOMER_PROFILES.valueSerde().encode(profile);
  }

  @Benchmark
  public CustomerProfile decodeProfile() {
    return Topics.CUSTOMER_PROFILES.valueSerde().decode(profileBytes);
  }
}
