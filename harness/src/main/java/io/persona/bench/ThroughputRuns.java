package io.persona.bench;

import io.persona.config.PersonaConfig;
import io.persona.config.StreamsProperties;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Times Streams apps over the published traffic, one after the other on the same broker: the {@link PassThrough}
 * ceilings and the Persona engine. All run exactly_once_v2 with one stream thread, timed from RUNNING until their
 * group has committed every source to its end; each run is a new app, with a group and state of its own.
 */
final class ThroughputRuns {
  /** What the runs measured, with the profiles' footprint and the configuration of the engine's last run. */
  record Outcome(Throughput throughput, StateFootprint.Size size, PersonaConfig lastEngine) {}

  private final DrainClock clock;
  private final Admin admin;
  private final BenchConfigs configs;
  private final PublishedInput input;

  ThroughputRuns(DrainClock clock, Admin admin, BenchConfigs configs, PublishedInput input) {
    this.clock = clock;
    this.admin = admin;
    this.configs = configs;
    this.input = input;
  }

  /** A first pass-through, not counted, so that the JVM has compiled the Streams code before the timed runs. */
  void warmUpJvm(PrintStream out) throws Exception {
    out.println("warming up the JVM with a first pass-through (not counted) ...");
    timed(PassThrough.plain(), configs.forApp("bench-warm-up"), List.of());
  }

  /** Times each app {@code runs} times, in turn; the profiles' footprint is taken at the end of the last run. */
  Outcome measure(int runs, PrintStream out) throws Exception {
    List<Double> pass = new ArrayList<>();
    List<Double> rekey = new ArrayList<>();
    List<Double> persona = new ArrayList<>();
    List<Double> cpuPerThousand = new ArrayList<>();
    StateFootprint.Size[] size = new StateFootprint.Size[1];
    PersonaConfig lastEngine = null;
    for (int r = 1; r <= runs; r++) {
      out.printf("run %d of %d: pass-through ...%n", r, runs);
      pass.add(timed(PassThrough.plain(), configs.forRun("bench-pass-through", r), List.of()));
      PersonaConfig engine = configs.forRun("bench-persona", r);
      out.printf("run %d of %d: Persona ...%n", r, runs);
      long cpuBefore = processCpuNanos();
      boolean last = r == runs;
      persona.add(timedEngine(engine, streams -> {
        if (last) {
          size[0] = StateFootprint.size(streams, engine, admin);
        }
      }));
      // per record published, warm-up included: the process does the warm-up's work too
      cpuPerThousand.add((processCpuNanos() - cpuBefore) / 1e9 / (input.allRecords() / 1000.0));
      lastEngine = engine;
      out.printf("run %d of %d: pass-through with one repartition ...%n", r, runs);
      PersonaConfig rekeyConfig = configs.forRun("bench-rekey", r);
      rekey.add(timed(PassThrough.withRepartition(), rekeyConfig,
          List.of(rekeyConfig.applicationId() + "-bench-rekey-repartition")));
    }
    Throughput throughput = new Throughput(input.allRecords(), input.timedRecords(), new Samples(pass),
        new Samples(rekey), new Samples(persona), new Samples(cpuPerThousand));
    return new Outcome(throughput, size[0], lastEngine);
  }

  /**
   * The engine, with its learning app running beside it as in production, timed from the end of the warm-up (whose
   * state it warms).
   */
  private double timedEngine(PersonaConfig config, WhileRunning drained) throws Exception {
    try (EngineRun app = new EngineRun(config, props -> props, false)) {
      double seconds = clock.time(app.engine, config.applicationId(), PublishedInput.SOURCES,
          List.of(config.applicationId() + "-profile-deltas-repartition"), input.warmedAt());
      drained.accept(app.engine);
      return seconds;
    }
  }

  /**
   * A stateless app timed over all the input (a warm-up boundary is crossed faster than it can be seen).
   *
   * @param transactionalSources its repartition topics, read as sources too
   */
  private double timed(Topology topology, PersonaConfig config, List<String> transactionalSources)
      throws Exception {
    try (KafkaStreams streams = new KafkaStreams(topology, StreamsProperties.of(config))) {
      return clock.time(streams, config.applicationId(), PublishedInput.SOURCES, transactionalSources,
          Map.<TopicPartition, Long>of());
    }
  }

  /** Looks at a still running app once it has drained, before it closes. */
  @FunctionalInterface
  private interface WhileRunning {
    void accept(KafkaStreams streams) throws Exception;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
