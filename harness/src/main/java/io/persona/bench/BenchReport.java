package io.persona.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The benchmark's findings as markdown: the throughput of each app against the pass-through, then each measure
 * against its goal. Printed at the end of a run and written to bench.md; scripts and the README quote its lines.
 */
final class BenchReport {
  private final Throughput throughput;
  private final StateFootprint.Size size;
  private final StateFootprint.Restore restore;
  private final LatencyBench.Result latency;

  BenchReport(Throughput throughput, StateFootprint.Size size, StateFootprint.Restore restore,
      LatencyBench.Result latency) {
    this.throughput = throughput;
    this.size = size;
    this.restore = restore;
    this.latency = latency;
  }

  /** The two tables, each line ended by the platform's line separator. */
  String markdown() {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      throughputTable(out);
      out.println();
      measuresTable(out);
    }
    return text.toString();
  }

  private void throughputTable(PrintWriter out) {
    out.println();
    out.printf("%d run(s) each; median [min .. max]. The pass-throughs are timed over all %,d input records, the app"
        + " over the %,d after its warm-up.%n%n", throughput.passThrough().values().size(), throughput.allRecords(),
        throughput.timedRecords());
    out.println("| app (exactly_once_v2, 1 thread) | seconds | input records/s | vs pass-through |");
    out.println("|---|---|---|---|");
    out.printf("| Kafka Streams pass-through | %s | %,.0f | 1.00x |%n", seconds(throughput.passThrough()),
        throughput.passThroughRate());
    out.printf("| pass-through with one repartition | %s | %,.0f | %.2fx |%n", seconds(throughput.repartition()),
        throughput.repartitionRate(), throughput.repartitionVsPassThrough());
    out.printf("| Persona (identity, profiles, offers, privacy) | %s | %,.0f | %.2fx |%n",
        seconds(throughput.persona()), throughput.personaRate(), throughput.personaVsPassThrough());
  }

  private void measuresTable(PrintWriter out) {
    out.println("| measure | value | goal |");
    out.println("|---|---|---|");
    out.printf("| app CPU seconds per 1,000 events (whole JVM) | %s | |%n", throughput.cpuPerThousand().spread("%.3f"));
    stateRows(out);
    double sustainedShare = throughput.vsPassThrough(latency.sustainedRate());
    out.printf("| highest sustained live rate (lag within %.0f s of traffic; ramp: %s) | %,.0f events/s, %.2fx |"
            + " 0.3x or more (stretch 0.6x): %s |%n", LatencyBench.LAG_BOUND_SECONDS, rampText(latency.ramp()),
        latency.sustainedRate(), sustainedShare, met(sustainedShare >= 0.3));
    double batchShare = throughput.personaVsPassThrough();
    out.printf("| batch throughput vs pass-through | %.2fx | 0.3x or more (stretch 0.6x): %s |%n", batchShare,
        met(batchShare >= 0.3));
    latencyRow(out, "click-to-offer", latency.clicks(), 250);
    latencyRow(out, "basket-to-offer", latency.baskets(), 150);
    commitRows(out);
  }

  private void stateRows(PrintWriter out) {
    out.printf("| bytes per profile, key and latest value (%,d profiles; each is held once in RocksDB and once in the"
            + " compacted changelog) | %.0f | 300 or less: %s |%n", size.profiles(), size.bytesPerProfile(),
        met(size.bytesPerProfile() <= 300));
    out.printf("| on disk right after the run: RocksDB files / changelog before compaction, per profile"
        + " | %.0f / %.0f | |%n", (double) size.rocksDbBytes() / size.profiles(),
        (double) size.changelogBytes() / size.profiles());
    out.printf("| profile store restore: %,d records in %.2f s vs a plain consume of its changelog in %.2f s | %.2fx |"
        + " 0.5x or more: %s |%n", restore.records(), restore.restoreSeconds(), restore.consumeSeconds(),
        restore.ratio(), met(restore.ratio() >= 0.5));
  }

  private void latencyRow(PrintWriter out, String what, Histogram millis, long goalMs) {
    out.printf("| %s latency at %,.0f events/s (half the sustained rate), %,d offers in %d s: p50 / p99 / p99.9 /"
            + " max ms | %d / %d / %d / %d | p99 %d ms or less: %s |%n", what, latency.rate(), millis.getTotalCount(),
        latency.measured().toSeconds(), millis.getValueAtPercentile(50), millis.getValueAtPercentile(99),
        millis.getValueAtPercentile(99.9), millis.getMaxValue(), goalMs,
        met(millis.getTotalCount() > 0 && millis.getValueAtPercentile(99) <= goalMs));
  }

  private void commitRows(PrintWriter out) {
    out.printf("| engine commit latency at %,.0f events/s, avg / max | %.1f / %.1f ms | |%n", latency.rate(),
        latency.commitAvgMs(), latency.commitMaxMs());
    Histogram partitions = latency.partitionsPerCommit();
    out.printf("| partitions written per engine transaction (%,d commits), p50 / p99 / max | %d / %d / %d | |%n",
        partitions.getTotalCount(), partitions.getValueAtPercentile(50), partitions.getValueAtPercentile(99),
        partitions.getMaxValue());
  }

  private static String seconds(Samples runs) {
    return runs.spread("%.1f");
  }

  /** "1,200, 2,400 (not)": each rate tried, marked when the engine did not sustain it. */
  static String rampText(List<LatencyBench.Step> ramp) {
    return ramp.stream().map(step -> String.format("%,.0f%s", step.rate(), step.sustained() ? "" : " (not)"))
        .collect(Collectors.joining(", "));
  }

  private static String met(boolean goalMet) {
    return goalMet ? "met" : "NOT met";
  }
}
