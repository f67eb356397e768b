package io.persona.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/** The keys the app understands, their types, defaults and allowed values (the README's configuration table). */
public final class ConfigKeys {
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String APPLICATION_ID = "application.id";
  public static final String STATE_DIR = "state.dir";
  public static final String PROCESSING_GUARANTEE = "processing.guarantee";
  public static final String NUM_STREAM_THREADS = "num.stream.threads";
  public static final String TOPICS_PARTITIONS = "topics.partitions";
  public static final String TOPICS_REPLICATION_FACTOR = "topics.replication.factor";
  public static final String TOPICS_CREATE = "topics.create";
  public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";

  /** Prefix for raw Kafka Streams and client settings passed through unchanged. */
  public static final String KAFKA_PREFIX = "kafka.";

  public static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(BOOTSTRAP_SERVERS, Type.STRING, "127.0.0.1:9092", new NonEmptyString(), HIGH,
              "Kafka brokers to connect to (host:port, comma-separated).")
          .define(APPLICATION_ID, Type.STRING, "persona", new NonEmptyString(), HIGH,
              "Kafka Streams application id: consumer group, prefix of internal topics. Instances sharing it share the work.")
          .define(STATE_DIR, Type.STRING, Path.of(System.getProperty("user.home"), ".persona", "state").toString(),
              new NonEmptyString(), HIGH, "Folder for RocksDB state stores; give each instance on one machine its own.")
          .define(PROCESSING_GUARANTEE, Type.STRING, "exactly_once_v2", ValidString.in("exactly_once_v2", "at_least_once"),
              HIGH, "exactly_once_v2 (default): no offer lost or sent twice. at_least_once only for measurements.")
          .define(NUM_STREAM_THREADS, Type.INT, 1, Range.between(1, 64), MEDIUM, "Stream threads per instance.")
          .define(TOPICS_PARTITIONS, Type.INT, 6, Range.between(1, 1000), MEDIUM,
              "Partitions of every customer-keyed topic (they are co-partitioned, so all share this count).")
          .define(TOPICS_REPLICATION_FACTOR, Type.SHORT, (short) 1, Range.between(1, 10), MEDIUM,
              "Replication factor of created topics, internal ones included (1 for the local single broker).")
          .define(TOPICS_CREATE, Type.BOOLEAN, true, LOW,
              "Create missing topics at start-up through the Admin client; false to require them to exist.")
          .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, 30_000L, Range.between(1_000, 600_000), LOW,
              "How long a clean stop (SIGTERM) may take before the app gives up waiting.");

  private ConfigKeys() {}
}
