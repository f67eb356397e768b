package io.persona.config;

import io.persona.decide.OfferSettings;
import io.persona.identity.IdentitySettings;
import io.persona.ingest.CollectorSettings;
import io.persona.ingest.EventValidator;
import io.persona.privacy.PrivacySettings;
import io.persona.profile.ProfileSettings;
import io.persona.serde.OutputSettings;
import io.persona.serve.ApiTls;
import io.persona.serve.ApiTokens;
import io.persona.topology.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The app's validated configuration. Built only by {@link ConfigLoader}; every value here has passed validation.
 *
 * @param topics the names of Persona's topics on this cluster
 * @param kafkaOverrides raw Kafka Streams / client settings given as {@code kafka.<name>}, applied last
 * @param events the validity rules of incoming events, with their time tolerances
 * @param expiryScanInterval how often, in stream time, expired state is looked for
 * @param orderWait how long a task waits for a lagging input partition, to take records in event-time order (-1: never)
 * @param learningCommitInterval the commit interval of the learning app, which no offer waits for
 * @param serverHost address the HTTP API binds to
 * @param advertisedHost host other instances reach this one at (application.server)
 * @param apiTokens who may ask the API about customers
 * @param apiTls TLS for the API; null for plain HTTP
 * @param serverPort port of the HTTP API; 0 when it is off
 * @param collector the HTTP event collector on the API's port
 * @param output how the offers other services consume are written (output.format)
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
    TopicNames topics,
    Duration shutdownTimeout,
    Map<String, String> kafkaOverrides,
    ProfileSettings profile,
    IdentitySettings identity,
    EventValidator events,
    Duration expiryScanInterval,
    Duration orderWait,
    Duration learningCommitInterval,
    OfferSettings offers,
    PrivacySettings privacy,
    String serverHost,
    int serverPort,
    String advertisedHost,
    ApiTokens apiTokens,
    ApiTls apiTls,
    CollectorSettings collector,
    OutputSettings output) {

  public PersonaConfig {
    kafkaOverrides = Map.copyOf(kafkaOverrides);
  }

  /** Every setting, secrets masked (JAAS config, passwords, keys): safe to print or log. */
  @Override
  public String toString() {
    return "PersonaConfig[bootstrapServers=" + bootstrapServers + ", applicationId=" + applicationId + ", stateDir="
        + stateDir + ", processingGuarantee=" + processingGuarantee + ", streamThreads=" + streamThreads
        + ", topicPartitions=" + topicPartitions + ", replicationFactor=" + replicationFactor + ", createTopics="
        + createTopics + ", topics=" + topics + ", shutdownTimeout=" + shutdownTimeout + ", kafkaOverrides="
        + Secrets.masked(kafkaOverrides) + ", profile=" + profile + ", identity=" + identity + ", events=" + events
        + ", expiryScanInterval=" + expiryScanInterval + ", orderWait=" + orderWait + ", learningCommitInterval="
        + learningCommitInterval + ", offers=" + offers + ", privacy=" + privacy + ", serverHost=" + serverHost
        + ", serverPort=" + serverPort + ", advertisedHost=" + advertisedHost + ", apiTokens=" + apiTokens + ", apiTls=" + (apiTls == null ? "off" : "on") + ", collector=" + collector + ", output=" + output + "]";
  }
}
