package io.persona.bench;

import java.time.Duration;
import java.util.List;

/**
 * How the latency phase runs: the live rates its ramp tries, how long each lasts, and the rate and length of the
 * measured part after its warm-up.
 *
 * @param rates the ramp, lowest first, rounded to 100 events/s
 * @param fixedRate the measured rate, or 0 for half the highest rate sustained in the ramp
 */
record LatencyPlan(List<Double> rates, Duration step, double fixedRate, Duration warmUp, Duration measure) {
  /** The ramp's rates as shares of the engine's batch throughput. */
  static final List<Double> RAMP = List.of(0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 1.0);

  /**
   * @param batchRate the engine's batch throughput, records/s
   * @param seconds measured; the warm-up lasts half as long (at least 15 s), each ramp step a quarter (at least 8 s)
   */
  static LatencyPlan of(double batchRate, int seconds, double fixedRate) {
    List<Double> rates = RAMP.stream().map(share -> Math.rint(share * batchRate / 100) * 100).toList();
    return new LatencyPlan(rates, Duration.ofSeconds(Math.max(8, seconds / 4)), fixedRate,
        Duration.ofSeconds(Math.max(15, seconds / 2)), Duration.ofSeconds(seconds));
  }
}
