package io.persona.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Checks {@code kafka.*} pass-through keys against the settings Kafka Streams and its clients define. */
final class KafkaOverrides {
  private static final List<String> CLIENT_PREFIXES =
      List.of("consumer.", "main.consumer.", "restore.consumer.", "global.consumer.", "producer.", "admin.");
  private static final Set<String> OWNED_BY_PERSONA =
      Set.of(StreamsConfig.APPLICATION_ID_CONFIG, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, StreamsConfig.STATE_DIR_CONFIG,
          StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.NUM_STREAM_THREADS_CONFIG,
          StreamsConfig.REPLICATION_FACTOR_CONFIG);
  private static final Map<String, String> OWN_KEY_FOR = Map.of(
      StreamsConfig.REPLICATION_FACTOR_CONFIG, ConfigKeys.TOPICS_REPLICATION_FACTOR);
  private static final Set<String> STREAMS_KEYS = StreamsConfig.configDef().names();
  private static final Set<String> CLIENT_KEYS =
      Stream.of(ConsumerConfig.configNames(), ProducerConfig.configNames(), AdminClientConfig.configNames())
          .flatMap(Set::stream)
          .collect(Collectors.toUnmodifiableSet());

  private KafkaOverrides() {}

  static void requireKnown(String prefixedKey, String source) {
    String key = prefixedKey.substring(ConfigKeys.KAFKA_PREFIX.length());
    String unprefixed = withoutClientPrefix(key);
    if (OWNED_BY_PERSONA.contains(unprefixed)) {
      throw new ConfigException("'" + prefixedKey + "' (from " + source + ") is set through its own key: use '"
          + OWN_KEY_FOR.getOrDefault(unprefixed, unprefixed) + "' instead");
    }
    if (!isKnown(key)) {
      throw new ConfigException("unknown Kafka setting '" + prefixedKey + "' (from " + source
          + "): after 'kafka.' put a Kafka Streams or client setting, optionally prefixed by consumer., producer., "
          + "admin. or topic.");
    }
  }

  private static String withoutClientPrefix(String key) {
    return CLIENT_PREFIXES.stream().filter(key::startsWith).findFirst()
        .map(prefix -> key.substring(prefix.length())).orElse(key);
  }

  private static boolean isKnown(String key) {
    if (STREAMS_KEYS.contains(key) || CLIENT_KEYS.contains(key) || key.startsWith("topic.")
        || key.startsWith(KafkaClients.CONFIG_PROVIDERS + ".")) {
      return true;
    }
    return CLIENT_PREFIXES.stream()
        .anyMatch(prefix -> key.startsWith(prefix) && CLIENT_KEYS.contains(key.substring(prefix.length())));
  }
}
