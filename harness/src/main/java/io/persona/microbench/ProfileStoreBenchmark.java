package io.persona.microbench;

import io.persona.avro.ClickEvent;
import io.persona.avro.CustomerProfile;
import io.persona.config.ConfigLoader;
import io.persona.profile.ProfileUpdater;
import io.persona.serde.AvroSafety;
import io.persona.serde.AvroSerde;
import io.persona.topology.Topics;
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

/**
 * The profile work of clicks as the store sees it: one click before and after the task kept profiles decoded (read
 * the stored bytes, decode, fold, encode; then fold the decoded profile, encode for the write-through), and a session
 * of five clicks within one commit, written through on every click or written back once at the commit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProfileStoreBenchmark {
  private final AvroSerde<CustomerProfile> serde = Topics.CUSTOMER_PROFILES.valueSerde();
  private ProfileUpdater updater;
  private CustomerProfile decoded;
  private byte[] stored;
  private List<ClickEvent> clicks;
  private int next;

  @Setup
  public void setUp() {
    AvroSafety.install();
    updater = new ProfileUpdater(ConfigLoader.load(Map.of(), null).profile());
    decoded = Shop.warmProfile(updater);
    stored = serde.encode(decoded);
    clicks = Shop.clicks(1024, 3);
  }

  @Benchmark
  public byte[] clickDecodingEveryTime() {
    stored = serde.encode(updater.applyClick("c-1", serde.decode(stored), clicks.get(next++ & 1023)));
    return stored;
  }

  @Benchmark
  public byte[] clickOnDecodedProfile() {
    decoded = updater.applyClick("c-1", decoded, clicks.get(next++ & 1023));
    return serde.encode(decoded);
  }

  @Benchmark
  public byte[] sessionOfFiveWrittenThrough() {
    byte[] written = null;
    for (int i = 0; i < 5; i++) {
      written = clickOnDecodedProfile();
    }
    return written;
  }

  @Benchmark
  public byte[] sessionOfFiveWrittenBackAtCommit() {
    for (int i = 0; i < 5; i++) {
      decoded = updater.applyClick("c-1", decoded, clicks.get(next++ & 1023));
    }
    return serde.encode(decoded);
  }
}
