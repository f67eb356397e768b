package io.persona.cli;

import io.persona.config.ConfigLoader;
import io.persona.config.KafkaClients;
import io.persona.config.PersonaConfig;
import io.persona.serde.OutputSettings;
import io.persona.topology.TopicNames;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap-servers} and {@code --config}: the Kafka connection from the app's own configuration (the file,
 * then the environment): security protocol, SASL, TLS and config providers reach every command's clients.
 */
public final class BootstrapOption {
  @Option(names = "--bootstrap-servers", description = "Kafka brokers (default: PERSONA_BOOTSTRAP_SERVERS or 127.0.0.1:9092).")
  String bootstrapServers;

  @Option(names = "--config", description = "Persona's configuration file, for the Kafka connection "
      + "(kafka.security.protocol, kafka.sasl.*, kafka.ssl.*, kafka.config.providers...); default: PERSONA_CONFIG_FILE.")
  Path configFile;

  public String resolve() {
    return bootstrapServers != null ? bootstrapServers : config().bootstrapServers();
  }

  private PersonaConfig config() {
    return ConfigLoader.load(System.getenv(), configFile);
  }

  /** The names the app's topics have on this cluster ({@code topics.prefix}, {@code topics.name.<topic>}). */
  public TopicNames topics() {
    return config().topics();
  }

  /** How the app writes the offers ({@code output.format}), so a reader can follow. */
  public OutputSettings output() {
    return config().output();
  }

  public Map<String, Object> admin(Map<String, Object> extra) {
    return settings(KafkaClients::admin, extra);
  }

  public Map<String, Object> consumer(Map<String, Object> extra) {
    return settings(KafkaClients::consumer, extra);
  }

  public Map<String, Object> producer(Map<String, Object> extra) {
    return settings(KafkaClients::producer, extra);
  }

  private Map<String, Object> settings(Function<PersonaConfig, Map<String, Object>> kind, Map<String, Object> extra) {
    Map<String, Object> settings = kind.apply(config());
    if (bootstrapServers != null) {
      settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    settings.putAll(extra);
    return settings;
  }
}
