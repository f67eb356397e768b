package io.persona.bench;

import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.config.StreamsProperties;
import io.persona.topology.PersonaTopology;
import io.persona.topology.TopicProvisioner;
import io.persona.topology.Topics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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

  public Benchmark(String bootstrapServers, long events, int customers, long seed) {
    this.bootstrapServers = bootstrapServers;
    this.events = events;
    this.customers = customers;
    this.seed = seed;
  }

  public void run(PrintStream out) throws Exception {
    String run = Long.toString(System.currentTimeMillis(), 36);
    PersonaConfig passConfig = config("bench-pass-through-" + run);
    PersonaConfig rekeyConfig = config("bench-rekey-" + run);
    PersonaConfig personaConfig = config("bench-persona-" + run);
    TopicProvisioner.ensure(personaConfig);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      if (!admin.listTopics().names().get().contains(PASS_THROUGH_SINK)) {
        admin.createTopics(List.of(new NewTopic(PASS_THROUGH_SINK, personaConfig.topicPartitions(), (short) 1)))
            .all().get();
      }
      double publishSeconds = publish(out);
      DrainClock clock = new DrainClock(admin);
      List<String> sources = List.of(Topics.CLICKSTREAM.name(), Topics.POS_TRANSACTIONS.name());
      long input = clock.endOffsets(sources).values().stream().mapToLong(Long::longValue).sum();
      out.printf("input: %,d records in clickstream and pos-transactions (published %,d in %.1f s: %,.0f/s)%n",
          input, events, publishSeconds, events / publishSeconds);
      out.println("warming up the JVM with a first pass-through (not counted) ...");
      timed(clock, passThrough(), config("bench-warm-up-" + run), sources, List.of());
      out.println("timing the pass-through ...");
      double passSeconds = timed(clock, passThrough(), passConfig, sources, List.of());
      out.println("timing the Persona topology ...");
      double personaSeconds = timed(clock, PersonaTopology.build(personaConfig), personaConfig, sources,
          List.of(personaConfig.applicationId() + "-profile-deltas-repartition"));
      out.println("timing the pass-through with one repartition ...");
      double rekeySeconds = timed(clock, passThroughWithRepartition(), rekeyConfig, sources,
          List.of(rekeyConfig.applicationId() + "-bench-rekey-repartition"));
      report(out, input, passSeconds, rekeySeconds, personaSeconds);
    }
  }

  private double publish(PrintStream out) {
    Map<String, Object> props = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    AtomicLong sent = new AtomicLong();
    long start = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      new BenchTraffic(seed, customers).generate(events,
          click -> send(producer, Topics.CLICKSTREAM.name(), click.getAnonymousId(),
              Topics.CLICKSTREAM.valueSerde().encode(click), sent, out),
          basket -> send(producer, Topics.POS_TRANSACTIONS.name(), basket.getCustomerId(),
              Topics.POS_TRANSACTIONS.valueSerde().encode(basket), sent, out));
      producer.flush();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value, AtomicLong sent,
      PrintStream out) {
    producer.send(new ProducerRecord<>(topic, key, value));
    long count = sent.incrementAndGet();
    if (count % Math.max(1, events / 10) == 0) {
      out.printf("  published %,d / %,d%n", count, events);
    }
  }

  private static double timed(DrainClock clock, Topology topology, PersonaConfig config, List<String> sources,
      List<String> transactionalSources) throws Exception {
    try (KafkaStreams streams = new KafkaStreams(topology, StreamsProperties.of(config))) {
      return clock.time(streams, config.applicationId(), sources, transactionalSources);
    }
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
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.put("PERSONA_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("PERSONA_APPLICATION_ID", applicationId);
    env.put("PERSONA_STATE_DIR", Files.createTempDirectory("persona-bench").toString());
    return ConfigLoader.load(env, null);
  }

  private static void report(PrintStream out, long input, double passSeconds, double rekeySeconds,
      double personaSeconds) {
    double pass = input / passSeconds;
    double rekey = input / rekeySeconds;
    double persona = input / personaSeconds;
    out.println();
    out.println("| app (exactly_once_v2, 1 thread) | seconds | input records/s | vs pass-through |");
    out.println("|---|---|---|---|");
    out.printf("| Kafka Streams pass-through | %.1f | %,.0f | 1.00x |%n", passSeconds, pass);
    out.printf("| pass-through with one repartition | %.1f | %,.0f | %.2fx |%n", rekeySeconds, rekey, rekey / pass);
    out.printf("| Persona (identity, profiles, offers) | %.1f | %,.0f | %.2fx |%n", personaSeconds, persona, persona / pass);
    out.printf("goal: 0.60x or better -> %s%n", persona / pass >= 0.6 ? "met" : "NOT met");
  }
}
