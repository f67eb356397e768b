package io.persona.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * The one way every Kafka client of Persona connects: Kafka Streams, the Admin client that provisions topics, and
 * every command and tool. The bootstrap servers plus each {@code kafka.*} setting that a plain client understands
 * (security protocol, SASL, TLS, {@code config.providers} and the rest of the common client settings); a setting
 * prefixed {@code admin.}, {@code consumer.} or {@code producer.} goes to that kind of client only.
 */
public final class KafkaClients {
  /** What the clients themselves resolve: {@code ${provider:path:key}} needs the providers passed on as they are. */
  static final String CONFIG_PROVIDERS = AbstractConfig.CONFIG_PROVIDERS_CONFIG;
  private static final Set<String> COMMON = AdminClientConfig.configNames();
  private static final List<String> KINDS = List.of("admin.", "consumer.", "producer.");

  private KafkaClients() {}

  /** The settings shared by every client, for {@code config}'s cluster. */
  public static Map<String, Object> common(PersonaConfig config) {
    return common(config.bootstrapServers(), config.kafkaOverrides());
  }

  /** The settings of an Admin client. */
  public static Map<String, Object> admin(PersonaConfig config) {
    return forKind(config, "admin.");
  }

  public static Map<String, Object> consumer(PersonaConfig config) {
    return forKind(config, "consumer.");
  }

  public static Map<String, Object> producer(PersonaConfig config) {
    return forKind(config, "producer.");
  }

  static Map<String, Object> common(String bootstrapServers, Map<String, String> overrides) {
    Map<String, Object> settings = new LinkedHashMap<>();
    overrides.forEach((key, value) -> {
      if (isCommon(key)) {
        settings.put(key, value);
      }
    });
    settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return settings;
  }

  private static Map<String, Object> forKind(PersonaConfig config, String kind) {
    Map<String, Object> settings = common(config);
    config.kafkaOverrides().forEach((key, value) -> {
      if (key.startsWith(kind)) {
        settings.put(key.substring(kind.length()), value);
      }
    });
    return settings;
  }

  private static boolean isCommon(String key) {
    if (KINDS.stream().anyMatch(key::startsWith)) {
      return false;
    }
    return key.equals(CONFIG_PROVIDERS) || key.startsWith(CONFIG_PROVIDERS + ".")
        || (COMMON.contains(key) && !key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
  }
}
