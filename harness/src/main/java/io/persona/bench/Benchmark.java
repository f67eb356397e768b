package io.persona.bench;

import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.config.StreamsProperties;
import io.persona.topology.PersonaTopology;
import io.persona.topology.TopicProvisioner;
import io.persona.topology.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Publishes deterministic traffic, then times two Streams apps over it, one after the other, on the same broker: a
 * pass-through (bytes in, bytes out: the ceiling of any topology here) and the Persona topology. Both run
 * exactly_once_v2 with one stream thread, timed from RUNNING until their group has committed every source to its end.
 */
public final class Benchmark {
  private static final String PASS_THROUGH_SINK = "bench-pass-through";

  private final String bootstrapServers;
  private final long events;
  private final int customers;
  private final long seed;
  private final int runs;
  private final long warmUpEvents;
  private final int latencySeconds;
  private final double latencyRate;

  public Benchmark(String bootstrapServers, long events, int customers, long seed, int runs, int latencySeconds,
      double latencyRate, long warmUpEvents) {
    this.latencyRate = latencyRate;
    this.warmUpEvents = warmUpEvents;
    this.runs = runs;
    this.latencySeconds = latencySeconds;
    this.bootstrapServers = bootstrapServers;
    this.events = events;
    this.customers = customers;
    this.seed = seed;
  }

  /** @param results a folder for bench.md and the charts, or null */
  public void run(PrintStream out, Path results) throws Exception {
    String run = Long.toString(System.currentTimeMillis(), 36);
    PersonaConfig topics = config("bench-topics-" + run);
    TopicProvisioner.ensure(topics);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      if (!admin.listTopics().names().get().contains(PASS_THROUGH_SINK)) {
        admin.createTopics(List.of(new NewTopic(PASS_THROUGH_SINK, topics.topicPartitions(), (short) 1)))
            .all().get();
      }
      DrainClock clock = new DrainClock(admin);
      List<String> sources = List.of(Topics.CLICKSTREAM.name(), Topics.POS_TRANSACTIONS.name());
      BenchTraffic traffic = new BenchTraffic(seed, customers);
      out.printf("publishing %,d warm-up events (profiles exist before the timing starts) ...%n", warmUpEvents);
      publish(traffic, warmUpEvents, out);
      Map<TopicPartition, Long> warmedAt = clock.endOffsets(sources);
      long warmUp = warmedAt.values().stream().mapToLong(Long::longValue).sum();
      double publishSeconds = publish(traffic, events, out);
      long input = clock.endOffsets(sources).values().stream().mapToLong(Long::longValue).sum() - warmUp;
      out.printf("input: %,d timed records in clickstream and pos-transactions after %,d warm-up records (published"
          + " %,d in %.1f s: %,.0f/s)%n", input, warmUp, events, publishSeconds, events / publishSeconds);
      out.println("warming up the JVM with a first pass-through (not counted) ...");
      timed(clock, passThrough(), config("bench-warm-up-" + run), sources, List.of(), Map.of(), streams -> { });
      List<Double> pass = new ArrayList<>();
      List<Double> rekey = new ArrayList<>();
      List<Double> persona = new ArrayList<>();
      List<Double> cpuPerThousand = new ArrayList<>();
      StateFootprint.Size[] size = new StateFootprint.Size[1];
      PersonaConfig lastPersona = null;
      for (int r = 1; r <= runs; r++) {
        out.printf("run %d of %d: pass-through ...%n", r, runs);
        pass.add(timed(clock, passThrough(), config("bench-pass-through-" + run + "-" + r), sources, List.of(),
            Map.of(), streams -> { }));
        PersonaConfig personaConfig = config("bench-persona-" + run + "-" + r);
        out.printf("run %d of %d: Persona ...%n", r, runs);
        long cpuBefore = processCpuNanos();
        boolean last = r == runs;
        persona.add(timedEngine(clock, personaConfig, sources,
            List.of(personaConfig.applicationId() + "-profile-deltas-repartition"), warmedAt, streams -> {
              if (last) {
                size[0] = StateFootprint.size(streams, personaConfig, admin);
              }
            }));
        cpuPerThousand.add((processCpuNanos() - cpuBefore) / 1e9 / ((input + warmUp) / 1000.0)); // warm-up included
        lastPersona = personaConfig;
        out.printf("run %d of %d: pass-through with one repartition ...%n", r, runs);
        PersonaConfig rekeyConfig = config("bench-rekey-" + run + "-" + r);
        rekey.add(timed(clock, passThroughWithRepartition(), rekeyConfig, sources,
            List.of(rekeyConfig.applicationId() + "-bench-rekey-repartition"), Map.of(), streams -> { }));
      }
      out.println("restoring the last Persona run's stores into an empty state directory ...");
      StateFootprint.Restore restore = StateFootprint.restore(PersonaTopology.build(lastPersona), lastPersona,
          Files.createTempDirectory("persona-bench-restore"));
      long all = input + warmUp;
      double batchRate = input / median(persona);
      List<Double> ramp = RAMP.stream().map(share -> Math.rint(share * batchRate / 100) * 100).toList();
      LatencyBench.Result latency = new LatencyBench(bootstrapServers, customers, seed).run(
          config("bench-latency-" + run, Map.of("PERSONA_CONSENT_DEFAULT_POS", "grant",
              "PERSONA_CONSENT_DEFAULT_PUSH", "grant", "PERSONA_CONSENT_DEFAULT_EMAIL", "grant")),
          ramp, Duration.ofSeconds(Math.max(8, latencySeconds / 4)), latencyRate,
          Duration.ofSeconds(Math.max(15, latencySeconds / 2)), Duration.ofSeconds(latencySeconds), out);
      ByteArrayOutputStream table = new ByteArrayOutputStream();
      try (PrintStream markdown = new PrintStream(table, true, StandardCharsets.UTF_8)) {
        report(markdown, all, input, pass, rekey, persona, cpuPerThousand, size[0], restore, latency);
      }
      out.print(table.toString(StandardCharsets.UTF_8));
      if (results != null) {
        write(results, table.toString(StandardCharsets.UTF_8), all, input, pass, rekey, persona, latency);
        out.println("\nwritten: " + results.resolve("bench.md") + ", throughput.png, latency.png");
      }
    }
  }

  private double publish(BenchTraffic traffic, long count, PrintStream out) {
    Map<String, Object> props = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    AtomicLong sent = new AtomicLong();
    long start = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      traffic.generate(count,
          click -> send(producer, Topics.CLICKSTREAM.name(), Topics.CLICKSTREAM.keyOf(click),
              Topics.CLICKSTREAM.valueSerde().encode(click), sent, count, out),
          basket -> send(producer, Topics.POS_TRANSACTIONS.name(), basket.getCustomerId(),
              Topics.POS_TRANSACTIONS.valueSerde().encode(basket), sent, count, out));
      producer.flush();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value,
      AtomicLong sent, long total, PrintStream out) {
    producer.send(new ProducerRecord<>(topic, key, value));
    long count = sent.incrementAndGet();
    if (count % Math.max(1, total / 5) == 0) {
      out.printf("  published %,d / %,d%n", count, total);
    }
  }

  /** The live rates the latency phase tries, as shares of the engine's batch throughput, lowest first. */
  private static final List<Double> RAMP = List.of(0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 1.0);

  /** The engine timed as {@link #timed}, with its learning app running beside it as in production. */
  private static double timedEngine(DrainClock clock, PersonaConfig config, List<String> sources,
      List<String> transactionalSources, Map<TopicPartition, Long> from, WhileRunning drained) throws Exception {
    try (EngineRun app = new EngineRun(config, props -> props, false)) {
      double seconds = clock.time(app.engine, config.applicationId(), sources, transactionalSources, from);
      drained.accept(app.engine);
      return seconds;
    }
  }

  /**
   * Seconds from RUNNING to drained; {@code drained} then looks at the still running app before it closes.
   *
   * @param from where the timing starts: the end of the warm-up for the app, whose state it warms; nothing for the
   *     stateless pass-throughs, timed over all the input (a warm-up boundary is crossed faster than it can be seen)
   */
  private static double timed(DrainClock clock, Topology topology, PersonaConfig config, List<String> sources,
      List<String> transactionalSources, Map<TopicPartition, Long> from, WhileRunning drained) throws Exception {
    try (KafkaStreams streams = new KafkaStreams(topology, StreamsProperties.of(config))) {
      double seconds = clock.time(streams, config.applicationId(), sources, transactionalSources, from);
      drained.accept(streams);
      return seconds;
    }
  }

  @FunctionalInterface
  private interface WhileRunning {
    void accept(KafkaStreams streams) throws Exception;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Bytes in, bytes out, nothing in between. */
  private static Topology passThrough() {
    StreamsBuilder builder = new StreamsBuilder();
    for (String topic : List.of(Topics.CLICKSTREAM.name(), Topics.POS_TRANSACTIONS.name())) {
      builder.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(topic + "-bench-source"))
          .peek((k, v) -> { }, Named.as(topic + "-bench-peek"))
          .to(PASS_THROUGH_SINK, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(topic + "-bench-sink"));
    }
    return builder.build();
  }

  /** The same, with one re-keying hop: the ceiling for any topology that must repartition, as identity does. */
  private static Topology passThroughWithRepartition() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(List.of(Topics.CLICKSTREAM.name(), Topics.POS_TRANSACTIONS.name()),
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-rekey-source"))
        .repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-rekey"))
        .to(PASS_THROUGH_SINK, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-rekey-sink"));
    return builder.build();
  }

  /** The app's configuration from the environment (PERSONA_KAFKA_* tunes every app measured alike), per app id. */
  private PersonaConfig config(String applicationId) throws Exception {
    return config(applicationId, Map.of());
  }

  private PersonaConfig config(String applicationId, Map<String, String> settings) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.putAll(settings);
    env.put("PERSONA_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("PERSONA_APPLICATION_ID", applicationId);
    env.put("PERSONA_STATE_DIR", Files.createTempDirectory("persona-bench").toString());
    return ConfigLoader.load(env, null);
  }

  private static void report(PrintStream out, long all, long input, List<Double> pass, List<Double> rekey,
      List<Double> persona, List<Double> cpuPerThousand, StateFootprint.Size size, StateFootprint.Restore restore,
      LatencyBench.Result latency) {
    double passRate = all / median(pass);
    double personaRate = input / median(persona);
    double rekeyRate = all / median(rekey);
    out.println();
    out.printf("%d run(s) each; median [min .. max]. The pass-throughs are timed over all %,d input records, the app"
        + " over the %,d after its warm-up.%n%n", pass.size(), all, input);
    out.println("| app (exactly_once_v2, 1 thread) | seconds | input records/s | vs pass-through |");
    out.println("|---|---|---|---|");
    out.printf("| Kafka Streams pass-through | %s | %,.0f | 1.00x |%n", spread(pass), passRate);
    out.printf("| pass-through with one repartition | %s | %,.0f | %.2fx |%n", spread(rekey), rekeyRate,
        rekeyRate / passRate);
    out.printf("| Persona (identity, profiles, offers, privacy) | %s | %,.0f | %.2fx |%n", spread(persona), personaRate,
        personaRate / passRate);
    out.println();
    out.println("| measure | value | goal |");
    out.println("|---|---|---|");
    out.printf("| app CPU seconds per 1,000 events (whole JVM) | %s | |%n", spread(cpuPerThousand, "%.3f"));
    out.printf("| bytes per profile, key and latest value (%,d profiles; each is held once in RocksDB and once in the"
            + " compacted changelog) | %.0f | 300 or less: %s |%n", size.profiles(), size.bytesPerProfile(),
        size.bytesPerProfile() <= 300 ? "met" : "NOT met");
    out.printf("| on disk right after the run: RocksDB files / changelog before compaction, per profile | %.0f / %.0f | |%n",
        (double) size.rocksDbBytes() / size.profiles(), (double) size.changelogBytes() / size.profiles());
    out.printf("| profile store restore: %,d records in %.2f s vs a plain consume of its changelog in %.2f s | %.2fx |"
        + " 0.5x or more: %s |%n", restore.records(), restore.restoreSeconds(), restore.consumeSeconds(),
        restore.ratio(), restore.ratio() >= 0.5 ? "met" : "NOT met");
    double sustainedShare = latency.sustainedRate() / passRate;
    out.printf("| highest sustained live rate (lag within %.0f s of traffic; ramp: %s) | %,.0f events/s, %.2fx |"
            + " 0.3x or more (stretch 0.6x): %s |%n", LatencyBench.LAG_BOUND_SECONDS, rampText(latency.ramp()),
        latency.sustainedRate(), sustainedShare, sustainedShare >= 0.3 ? "met" : "NOT met");
    out.printf("| batch throughput vs pass-through | %.2fx | 0.3x or more (stretch 0.6x): %s |%n",
        personaRate / passRate, personaRate / passRate >= 0.3 ? "met" : "NOT met");
    latencyRow(out, "click-to-offer", latency.clicks(), latency, 250);
    latencyRow(out, "basket-to-offer", latency.baskets(), latency, 150);
    out.printf("| engine commit latency at %,.0f events/s, avg / max | %.1f / %.1f ms | |%n", latency.rate(),
        latency.commitAvgMs(), latency.commitMaxMs());
    Histogram partitions = latency.partitionsPerCommit();
    out.printf("| partitions written per engine transaction (%,d commits), p50 / p99 / max | %d / %d / %d | |%n",
        partitions.getTotalCount(), partitions.getValueAtPercentile(50), partitions.getValueAtPercentile(99),
        partitions.getMaxValue());
  }

  private static void latencyRow(PrintStream out, String what, Histogram millis, LatencyBench.Result latency,
      long goalMs) {
    out.printf("| %s latency at %,.0f events/s (half the sustained rate), %,d offers in %d s: p50 / p99 / p99.9 /"
            + " max ms | %d / %d / %d / %d | p99 %d ms or less: %s |%n", what, latency.rate(), millis.getTotalCount(),
        latency.measured().toSeconds(), millis.getValueAtPercentile(50), millis.getValueAtPercentile(99),
        millis.getValueAtPercentile(99.9), millis.getMaxValue(), goalMs,
        millis.getTotalCount() > 0 && millis.getValueAtPercentile(99) <= goalMs ? "met" : "NOT met");
  }

  private static String rampText(List<LatencyBench.Step> ramp) {
    return ramp.stream().map(step -> String.format("%,.0f%s", step.rate(), step.sustained() ? "" : " (not)"))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static void write(Path results, String table, long all, long input, List<Double> pass,
      List<Double> rekey, List<Double> persona, LatencyBench.Result latency) throws IOException {
    Files.createDirectories(results);
    Files.writeString(results.resolve("bench.md"), "# Persona benchmark, " + Instant.now() + "\n\n"
        + "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
        + " " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + "\n\n" + table);
    BarChart.write(results.resolve("throughput.png"), "Input records per second (median, min-max whisker)",
        "records/s", List.of(rateBar("Kafka Streams pass-through", all, pass, BarChart.CEILING),
            rateBar("pass-through with one repartition", all, rekey, BarChart.CEILING),
            rateBar("Persona", input, persona, BarChart.APP)), 0.6 * all / median(pass));
    List<BarChart.Bar> bars = new ArrayList<>();
    for (var series : List.of(Map.entry("click", latency.clicks()), Map.entry("basket", latency.baskets()))) {
      Histogram millis = series.getValue();
      for (double percentile : new double[] {50, 99, 99.9}) {
        bars.add(new BarChart.Bar(series.getKey() + " p" + (percentile == 99.9 ? "99.9" : String.valueOf((int) percentile)),
            millis.getValueAtPercentile(percentile), series.getKey().equals("click") ? BarChart.APP : BarChart.CEILING));
      }
    }
    BarChart.write(results.resolve("latency.png"), String.format("Event-to-offer latency at %,.0f events/s (%,d click"
        + " and %,d basket offers)", latency.rate(), latency.clicks().getTotalCount(),
        latency.baskets().getTotalCount()), "ms", bars, 250);
  }

  private static BarChart.Bar rateBar(String label, long input, List<Double> seconds, java.awt.Color colour) {
    double slowest = seconds.stream().max(Double::compare).orElseThrow();
    double fastest = seconds.stream().min(Double::compare).orElseThrow();
    return new BarChart.Bar(label, input / median(seconds), input / slowest, input / fastest, colour);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String spread(List<Double> values) {
    return spread(values, "%.1f");
  }

  private static String spread(List<Double> values, String format) {
    String median = String.format(format, median(values));
    return values.size() == 1 ? median : median + " [" + String.format(format, values.stream().min(Double::compare)
        .orElseThrow()) + " .. " + String.format(format, values.stream().max(Double::compare).orElseThrow()) + "]";
  }
}
