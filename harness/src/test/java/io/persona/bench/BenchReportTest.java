package io.persona.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private final Locale before = Locale.getDefault();

  @BeforeEach
  void formatAsOnTheBenchMachine() {
    Locale.setDefault(Locale.US);
  }

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(before);
  }

  @Test
  void shouldTableEachAppsSecondsAndRateAgainstThePassThrough() {
    Throughput throughput = new Throughput(400_000, 200_000, runs(2.0, 2.5, 1.9), runs(3.1, 3.3, 2.9),
        runs(10.2, 9.8, 11.0), runs(0.0123, 0.0119, 0.0131));

    assertThat(report(throughput, new StateFootprint.Size(10, 3000, 3000, 4000), new StateFootprint.Restore(10, 2, 1),
        latency(1_200, twoOffersAt(250), twoOffersAt(150))).lines().limit(8)).containsExactly(
        "",
        "3 run(s) each; median [min .. max]. The pass-throughs are timed over all 400,000 input records, the app over"
            + " the 200,000 after its warm-up.",
        "",
        "| app (exactly_once_v2, 1 thread) | seconds | input records/s | vs pass-through |",
        "|---|---|---|---|",
        "| Kafka Streams pass-through | 2.0 [1.9 .. 2.5] | 200,000 | 1.00x |",
        "| pass-through with one repartition | 3.1 [2.9 .. 3.3] | 129,032 | 0.65x |",
        "| Persona (identity, profiles, offers, privacy) | 10.2 [9.8 .. 11.0] | 19,608 | 0.10x |");
  }

  @Test
  void shouldMeetEveryGoalReachedExactly() {
    // pass-through 100,000/s; engine 30,000/s; 300 bytes per profile; restore at half the consume's pace
    Throughput throughput = new Throughput(200_000, 60_000, runs(2.0), runs(4.0), runs(2.0), runs(0.5));

    String report = report(throughput, new StateFootprint.Size(10, 3000, 5000, 9000),
        new StateFootprint.Restore(10, 2, 1), latency(30_000, twoOffersAt(250), twoOffersAt(150)));

    assertThat(report.lines().skip(9)).containsExactly(
        "| measure | value | goal |",
        "|---|---|---|",
        "| app CPU seconds per 1,000 events (whole JVM) | 0.500 | |",
        "| bytes per profile, key and latest value (10 profiles; each is held once in RocksDB and once in the compacted"
            + " changelog) | 300 | 300 or less: met |",
        "| on disk right after the run: RocksDB files / changelog before compaction, per profile | 500 / 900 | |",
        "| profile store restore: 10 records in 2.00 s vs a plain consume of its changelog in 1.00 s | 0.50x | 0.5x or"
            + " more: met |",
        "| highest sustained live rate (lag within 1 s of traffic; ramp: 15,000, 30,000, 60,000 (not)) | 30,000"
            + " events/s, 0.30x | 0.3x or more (stretch 0.6x): met |",
        "| batch throughput vs pass-through | 0.30x | 0.3x or more (stretch 0.6x): met |",
        "| click-to-offer latency at 15,000 events/s (half the sustained rate), 2 offers in 60 s: p50 / p99 / p99.9 /"
            + " max ms | 250 / 250 / 250 / 250 | p99 250 ms or less: met |",
        "| basket-to-offer latency at 15,000 events/s (half the sustained rate), 2 offers in 60 s: p50 / p99 / p99.9 /"
            + " max ms | 150 / 150 / 150 / 150 | p99 150 ms or less: met |",
        "| engine commit latency at 15,000 events/s, avg / max | 35.3 / 120.5 ms | |",
        "| partitions written per engine transaction (3 commits), p50 / p99 / max | 8 / 40 / 40 | |");
  }

  @Test
  void shouldMissEveryGoalJustOutOfReach() {
    Throughput throughput = new Throughput(200_000, 59_000, runs(2.0), runs(4.0), runs(2.0), runs(0.5));

    String report = report(throughput, new StateFootprint.Size(10, 3010, 5000, 9000),
        new StateFootprint.Restore(10, 2.1, 1), latency(29_000, twoOffersAt(251), twoOffersAt(151)));

    assertThat(report.lines().filter(line -> line.endsWith("met |")))
        .hasSize(6).allSatisfy(line -> assertThat(line).endsWith(": NOT met |"));
  }

  @Test
  void shouldMissALatencyGoalWithoutOffers() {
    Throughput throughput = new Throughput(200_000, 60_000, runs(2.0), runs(4.0), runs(2.0), runs(0.5));

    String report = report(throughput, new StateFootprint.Size(10, 3000, 5000, 9000),
        new StateFootprint.Restore(10, 2, 1), latency(30_000, millis(), twoOffersAt(150)));

    assertThat(report).contains("| click-to-offer latency at 15,000 events/s (half the sustained rate), 0 offers in"
        + " 60 s: p50 / p99 / p99.9 / max ms | 0 / 0 / 0 / 0 | p99 250 ms or less: NOT met |");
  }

  private static String report(Throughput throughput, StateFootprint.Size size, StateFootprint.Restore restore,
      LatencyBench.Result latency) {
    return new BenchReport(throughput, size, restore, latency).markdown();
  }

  /** Sustained {@code sustained} events/s of a ramp that failed at twice that, measured at half of it. */
  private static LatencyBench.Result latency(double sustained, Histogram clicks, Histogram baskets) {
    List<LatencyBench.Step> ramp = List.of(new LatencyBench.Step(sustained / 2, 0, 10, true),
        new LatencyBench.Step(sustained, 5, 20, true), new LatencyBench.Step(sustained * 2, 900, 90_000, false));
    return new LatencyBench.Result(ramp, sustained, sustained / 2, Duration.ofSeconds(60), clicks, baskets, 35.25,
        120.5, millis(8, 3, 40));
  }

  private static Histogram millis(long... values) {
    Histogram histogram = new Histogram(600_000, 3);
    for (long value : values) {
      histogram.recordValue(value);
    }
    return histogram;
  }

  private static Histogram twoOffersAt(long ms) {
    return millis(ms, ms);
  }

  private static Samples runs(Double... seconds) {
    return new Samples(List.of(seconds));
  }
}
