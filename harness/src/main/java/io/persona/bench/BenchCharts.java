package io.persona.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The report's two charts: the apps' throughput, and the engine's event-to-offer latency. */
final class BenchCharts {
  private BenchCharts() {}

  /** Input records per second of each app, the pass-throughs as ceilings, with a goal line at 0.6x the plain one. */
  static void writeThroughput(Path file, Throughput throughput) throws IOException {
    BarChart.write(file, "Input records per second (median, min-max whisker)", "records/s",
        throughputBars(throughput),
        0.6 * throughput.allRecords() / throughput.passThrough().median());
  }

  /** p50, p99 and p99.9 of click-to-offer and basket-to-offer latency, with a goal line at 250 ms. */
  static void writeLatency(Path file, LatencyBench.Result latency) throws IOException {
    BarChart.write(file, String.format("Event-to-offer latency at %,.0f events/s (%,d click and %,d basket offers)",
        latency.rate(), latency.clicks().getTotalCount(), latency.baskets().getTotalCount()), "ms",
        latencyBars(latency), 250);
  }

  static List<BarChart.Bar> throughputBars(Throughput throughput) {
    return List.of(rateBar("Kafka Streams pass-through", throughput.allRecords(), throughput.passThrough(),
            BarChart.CEILING),
        rateBar("pass-through with one repartition", throughput.allRecords(), throughput.repartition(),
            BarChart.CEILING),
        rateBar("Persona", throughput.timedRecords(), throughput.persona(), BarChart.APP));
  }

  static List<BarChart.Bar> latencyBars(LatencyBench.Result latency) {
    List<BarChart.Bar> bars = new ArrayList<>();
    for (var series : List.of(Map.entry("click", latency.clicks()), Map.entry("basket", latency.baskets()))) {
      Histogram millis = series.getValue();
      Color colour = series.getKey().equals("click") ? BarChart.APP : BarChart.CEILING;
      for (double percentile : new double[] {50, 99, 99.9}) {
        String label = series.getKey() + " p" + (percentile == 99.9 ? "99.9" : String.valueOf((int) percentile));
        bars.add(new BarChart.Bar(label, millis.getValueAtPercentile(percentile), colour));
      }
    }
    return bars;
  }

  /** The median rate, with the slowest and the fastest run's as its whisker. */
  private static BarChart.Bar rateBar(String label, long records, Samples seconds, Color colour) {
    return new BarChart.Bar(label, records / seconds.median(), records / seconds.max(), records / seconds.min(),
        colour);
  }
}
