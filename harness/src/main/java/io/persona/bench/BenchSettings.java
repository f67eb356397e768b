package io.persona.bench;

/**
 * What {@code bench} measures, and how long.
 *
 * @param events published after the warm-up, and timed
 * @param warmUpEvents published and processed before the timing starts, so that profiles exist
 * @param customers distinct customers in the traffic
 * @param seed of the traffic
 * @param runs timed runs of each app; medians are reported
 * @param latencySeconds of live traffic whose latency is measured (see {@link LatencyPlan#of})
 * @param latencyRate events/s of the latency run, or 0 for half the highest rate the engine sustained
 */
public record BenchSettings(String bootstrapServers, long events, long warmUpEvents, int customers, long seed,
    int runs, int latencySeconds, double latencyRate) {}
