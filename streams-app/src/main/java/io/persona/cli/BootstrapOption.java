package io.persona.cli;

import io.persona.config.ConfigLoader;
import picocli.CommandLine.Option;

/** {@code --bootstrap-servers}, defaulting to the app's own configuration (environment, then 127.0.0.1:9092). */
final class BootstrapOption {
  @Option(names = "--bootstrap-servers", description = "Kafka brokers (default: PERSONA_BOOTSTRAP_SERVERS or 127.0.0.1:9092).")
  String bootstrapServers;

  String resolve() {
    return bootstrapServers != null ? bootstrapServers : ConfigLoader.fromEnvironment().bootstrapServers();
  }
}
