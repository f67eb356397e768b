package io.persona.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BenchChartsTest {
  @Test
  void shouldBarEachAppsMedianRateWithTheSlowestAndFastestRunAsItsWhisker() {
    Throughput throughput = new Throughput(400_000, 200_000, runs(2.0, 2.5, 1.6), runs(4.0), runs(10.0, 8.0),
        runs(0.01));

    assertThat(BenchCharts.throughputBars(throughput)).containsExactly(
        new BarChart.Bar("Kafka Streams pass-through", 200_000, 160_000, 250_000, BarChart.CEILING),
        new BarChart.Bar("pass-through with one repartition", 100_000, 100_000, 100_000, BarChart.CEILING),
        new BarChart.Bar("Persona", 22_222.222222222223, 20_000, 25_000, BarChart.APP));
  }

  @Test
  void shouldBarThreePercentilesOfClicksThenOfBaskets() {
    LatencyBench.Result latency = new LatencyBench.Result(List.of(), 1_000, 500, Duration.ofSeconds(20),
        millis(10, 20, 30, 400), millis(5, 6, 7, 90), 1, 2, millis());

    assertThat(BenchCharts.latencyBars(latency)).containsExactly(
        new BarChart.Bar("click p50", 20, BarChart.APP),
        new BarChart.Bar("click p99", 400, BarChart.APP),
        new BarChart.Bar("click p99.9", 400, BarChart.APP),
        new BarChart.Bar("basket p50", 6, BarChart.CEILING),
        new BarChart.Bar("basket p99", 90, BarChart.CEILING),
        new BarChart.Bar("basket p99.9", 90, BarChart.CEILING));
  }

  private static Histogram millis(long... values) {
    Histogram histogram = new Histogram(600_000, 3);
    for (long value : values) {
      histogram.recordValue(value);
    }
    return histogram;
  }

  private static Samples runs(Double... seconds) {
    return new Samples(List.of(seconds));
  }
}
