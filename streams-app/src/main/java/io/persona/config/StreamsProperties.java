package io.persona.config;

import io.persona.ingest.EventTimeExtractor;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/** Kafka Streams settings derived from the app's configuration; {@code kafka.*} overrides are applied last. */
public final class StreamsProperties {
  /** Appended to the engine's application id to name the learning app (its group, transactions, internal topics). */
  public static final String LEARNING_SUFFIX = "-learning";
  /** How long the engine's consumer lets the broker hold a fetch that finds nothing new. */
  static final int ENGINE_FETCH_MAX_WAIT_MS = 10;
  /**
   * The engine's commit interval: an offer becomes readable when its transaction commits. With 3 partitions a
   * transaction writes 33 partitions and commits in about 4 ms, so 50 ms (exactly-once's default is 100) took the p99
   * of basket-to-offer from 444 to 173 ms, for about 15% of batch throughput (see the README's Performance).
   */
  static final long ENGINE_COMMIT_INTERVAL_MS = 50;

  private StreamsProperties() {}

  /**
   * The learning app's settings: the engine's, under an application id of its own, with a longer commit interval;
   * no API and no dead letters of its own (the engine dead-letters what both read).
   */
  public static Properties learning(PersonaConfig config) {
    Properties props = of(config);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, learningApplicationId(config));
    props.remove(StreamsConfig.APPLICATION_SERVER_CONFIG);
    props.remove(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.learningCommitInterval().toMillis());
    if (!config.kafkaOverrides().containsKey(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG))) {
      props.remove(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)); // nothing waits on it
    }
    return props;
  }

  public static String learningApplicationId(PersonaConfig config) {
    return config.applicationId() + LEARNING_SUFFIX;
  }

  public static Properties of(PersonaConfig config) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
    if (config.processingGuarantee().startsWith("exactly_once")) {
      props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, ENGINE_COMMIT_INTERVAL_MS);
    }
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, EventTimeExtractor.class);
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    if (config.serverPort() > 0) {
      // what other instances are told, so that a question about a customer reaches the instance that holds them
      props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.advertisedHost() + ":" + config.serverPort());
    }
    // -1 (the default): a task takes what it has fetched, oldest first, and never waits. At 0, a partition with data
    // still on the broker is fetched before the task goes on (KIP-695): the engine's one task reads the repartitions
    // it writes itself, so it stalled after every commit until the next fetch (quick bench: batch 18,900 -> 28,000
    // records/s and live click-to-offer p50 1.7 s -> 110 ms at 4,700 events/s with -1). A positive value also waits
    // for producers on caught-up inputs: 500 ms left the demo's shoppers holding offers that had expired.
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, config.orderWait().toMillis());
    // A read_committed fetch waits up to fetch.max.wait.ms (500 ms by default) for new data, and records that a
    // commit makes readable do not end the wait: a click re-keyed through the repartition topic waited up to half a
    // second for it. 10 ms costs idle fetches (about 100 a second per consumer) and nothing else.
    props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), ENGINE_FETCH_MAX_WAIT_MS);
    // Bad input never kills the app and never vanishes: it is skipped and copied, bytes intact, to the dead letters.
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.topics().deadLetter());
    // Profiles are published on every change: cheap compression keeps the bytes on the wire down.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    // Changelogs hold personal data: an erased value must be compacted away within a bounded, documented time.
    config.privacy().changelogConfigs().forEach((key, value) -> props.put(StreamsConfig.topicPrefix(key), value));
    props.putAll(config.kafkaOverrides());
    return props;
  }
}
