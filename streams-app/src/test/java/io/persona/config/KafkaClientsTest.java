package io.persona.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientsTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"persona\" password=\"s3cret\";";

  private final PersonaConfig secured = ConfigLoader.load(Map.of(
      "PERSONA_BOOTSTRAP_SERVERS", "broker:9093",
      "PERSONA_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
      "PERSONA_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
      "PERSONA_KAFKA_SASL_JAAS_CONFIG", JAAS,
      "PERSONA_KAFKA_SSL_TRUSTSTORE_PASSWORD", "trust-me",
      "PERSONA_KAFKA_COMMIT_INTERVAL_MS", "50",
      "PERSONA_KAFKA_ADMIN_REQUEST_TIMEOUT_MS", "7000"), null);

  @Test
  void shouldGiveEveryClientTheSameConnectionAndEachKindItsOwnSettings() {
    Map<String, Object> admin = KafkaClients.admin(secured);
    Map<String, Object> consumer = KafkaClients.consumer(secured);

    for (Map<String, Object> client : java.util.List.of(admin, consumer, KafkaClients.producer(secured))) {
      assertThat(client).containsEntry(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9093")
          .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
          .containsEntry("sasl.jaas.config", JAAS).doesNotContainKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    }
    assertThat(admin).containsEntry(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "7000");
    assertThat(consumer).doesNotContainKey(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG);
  }

  @Test
  void shouldPassConfigProvidersOnSoThatTheClientsResolveSecretsThemselves() {
    PersonaConfig config = ConfigLoader.load(Map.of(
        "PERSONA_KAFKA_CONFIG_PROVIDERS", "file",
        "PERSONA_KAFKA_CONFIG_PROVIDERS_FILE_CLASS", "org.apache.kafka.common.config.provider.FileConfigProvider",
        "PERSONA_KAFKA_SASL_JAAS_CONFIG", "${file:/etc/persona/kafka.properties:jaas}"), null);

    assertThat(KafkaClients.admin(config)).containsEntry("config.providers", "file")
        .containsEntry("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider")
        .containsEntry("sasl.jaas.config", "${file:/etc/persona/kafka.properties:jaas}");
  }

  @Test
  void shouldResolveASecretFromAFileThroughTheConfigProvider(@TempDir Path dir) throws IOException {
    Path secrets = dir.resolve("kafka-secrets.properties");
    Files.writeString(secrets, "password=from-the-file\n");
    PersonaConfig config = ConfigLoader.load(Map.of(
        "PERSONA_KAFKA_CONFIG_PROVIDERS", "file",
        "PERSONA_KAFKA_CONFIG_PROVIDERS_FILE_CLASS", "org.apache.kafka.common.config.provider.FileConfigProvider",
        "PERSONA_KAFKA_SSL_TRUSTSTORE_PASSWORD", "${file:" + secrets + ":password}"), null);

    AdminClientConfig resolved = new AdminClientConfig(KafkaClients.admin(config));
    Properties streams = StreamsProperties.of(config);

    assertThat(resolved.getPassword("ssl.truststore.password").value()).isEqualTo("from-the-file");
    assertThat(new StreamsConfig(streams).originals()).as("what Kafka Streams hands its clients")
        .containsEntry("ssl.truststore.password", "from-the-file");
  }

  @Test
  void shouldNeverPrintASecret() {
    String printed = secured.toString();

    assertThat(printed).doesNotContain("s3cret").doesNotContain("trust-me").contains("SASL_SSL")
        .contains("sasl.jaas.config=" + Secrets.MASK);
  }
}
