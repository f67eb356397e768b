package io.persona.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The app's validated configuration. Built only by {@link ConfigLoader}; every value here has passed validation.
 *
 * @param kafkaOverrides raw Kafka Streams / client settings given as {@code kafka.<name>}, applied last
 */
public record PersonaConfig(
    String bootstrapServers,
    String applicationId,
    Path stateDir,
    String processingGuarantee,
    int streamThreads,
    int topicPartitions,
    short replicationFactor,
    boolean createTopics,
    Duration shutdownTimeout,
    Map<String, String> kafkaOverrides) {

  public PersonaConfig {
    kafkaOverrides = Map.copyOf(kafkaOverrides);
  }
}
