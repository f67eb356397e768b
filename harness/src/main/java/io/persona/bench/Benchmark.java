package io.persona.bench;

import io.persona.config.PersonaConfig;
import io.persona.topology.PersonaTopology;
import io.persona.topology.TopicProvisioner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The benchmark, phase by phase, on one broker: publishes deterministic traffic, times the pass-through ceilings and
 * the Persona engine over it ({@link ThroughputRuns}), restores the last engine run's profiles
 * ({@link StateFootprint}), measures latency under live traffic ({@link LatencyBench}), then prints the
 * {@link BenchReport} and, when asked, writes it with its charts to a {@link ResultsFolder}.
 */
public final class Benchmark {
  /** The latency run grants every consent, so that each trigger can make an offer on its channel. */
  private static final Map<String, String> CONSENT_GRANTED = Map.of("PERSONA_CONSENT_DEFAULT_POS", "grant",
      "PERSONA_CONSENT_DEFAULT_PUSH", "grant", "PERSONA_CONSENT_DEFAULT_EMAIL", "grant");

  private final BenchSettings settings;

  public Benchmark(BenchSettings settings) {
    this.settings = settings;
  }

  /** @param results a folder for bench.md and the charts, or null */
  public void run(PrintStream out, Path results) throws Exception {
    BenchConfigs configs = new BenchConfigs(settings.bootstrapServers(), System.getenv(),
        Long.toString(System.currentTimeMillis(), 36));
    PersonaConfig topics = configs.forApp("bench-topics");
    TopicProvisioner.ensure(topics);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
      PassThrough.ensureSink(admin, topics.topicPartitions());
      DrainClock clock = new DrainClock(admin);
      PublishedInput input = new TrafficPublisher(settings.bootstrapServers(), clock).publish(
          new BenchTraffic(settings.seed(), settings.customers()), settings.warmUpEvents(), settings.events(), out);
      ThroughputRuns runs = new ThroughputRuns(clock, admin, configs, input);
      runs.warmUpJvm(out);
      ThroughputRuns.Outcome measured = runs.measure(settings.runs(), out);
      StateFootprint.Restore restore = restore(measured.lastEngine(), out);
      LatencyPlan plan = LatencyPlan.of(measured.throughput().personaRate(), settings.latencySeconds(),
          settings.latencyRate());
      LatencyBench.Result latency = new LatencyBench(settings.bootstrapServers(), settings.customers(), settings.seed())
          .run(configs.forApp("bench-latency", CONSENT_GRANTED), plan, out);
      String report = new BenchReport(measured.throughput(), measured.size(), restore, latency).markdown();
      out.print(report);
      if (results != null) {
        ResultsFolder.write(results, report, measured.throughput(), latency);
        out.println("\nwritten: " + results.resolve("bench.md") + ", throughput.png, latency.png");
      }
    }
  }

  private static StateFootprint.Restore restore(PersonaConfig engine, PrintStream out) throws Exception {
    out.println("restoring the last Persona run's stores into an empty state directory ...");
    return StateFootprint.restore(PersonaTopology.build(engine), engine,
        Files.createTempDirectory("persona-bench-restore"));
  }
}
