package io.persona.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.persona.topology.TopicNames;
import io.persona.topology.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @Test
  void shouldDefaultToExactlyOnceAgainstTheLocalBroker() {
    PersonaConfig config = ConfigLoader.load(Map.of(), null);

    assertThat(config.processingGuarantee()).isEqualTo("exactly_once_v2");
    assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(config.topicPartitions()).isEqualTo(3);
  }

  @Test
  void shouldLetTheFileOverrideDefaultsAndTheEnvironmentOverrideTheFile(@TempDir Path dir) throws IOException {
    Path file = write(dir, "topics.partitions=3\napplication.id=from-file\n");

    PersonaConfig config = ConfigLoader.load(Map.of("PERSONA_TOPICS_PARTITIONS", "12"), file);

    assertThat(config.topicPartitions()).isEqualTo(12);
    assertThat(config.applicationId()).isEqualTo("from-file");
  }

  @Test
  void shouldPrefixEveryTopicButThoseNamedExplicitly() {
    PersonaConfig config = ConfigLoader.load(Map.of("PERSONA_TOPICS_PREFIX", "shop1.",
        "PERSONA_TOPICS_NAME_POS_TRANSACTIONS", "pos.baskets.v2"), null);

    assertThat(config.topics().of(Topics.CLICKSTREAM)).isEqualTo("shop1.clickstream");
    assertThat(config.topics().deadLetter()).isEqualTo("shop1.dead-letter");
    assertThat(config.topics().of(Topics.POS_TRANSACTIONS)).isEqualTo("pos.baskets.v2");
    assertThat(config.topics().isExplicit("pos-transactions")).isTrue();
  }

  @Test
  void shouldKeepTheTopicNamesWhenNoPrefixIsSet() {
    assertThat(TopicNames.roles()).allSatisfy(role ->
        assertThat(ConfigLoader.load(Map.of(), null).topics().of(role)).isEqualTo(role));
  }

  @Test
  void shouldRefuseATopicNameKafkaWouldRefuse() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_TOPICS_PREFIX", "shop 1/"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("topic name 'shop 1/clickstream' for clickstream may hold only ASCII letters");
  }

  @Test
  void shouldRefuseTwoTopicsUnderOneName() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_TOPICS_NAME_OFFER_KPIS", "offer-catalog"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("topics offer-catalog and offer-kpis would both be named 'offer-catalog'");
  }

  @Test
  void shouldFindTheFileThroughTheEnvironment(@TempDir Path dir) throws IOException {
    Path file = write(dir, "num.stream.threads=2\n");

    assertThat(ConfigLoader.load(Map.of("PERSONA_CONFIG_FILE", file.toString()), null).streamThreads()).isEqualTo(2);
  }

  @Test
  void shouldRejectAnUnknownKeyNamingItAndItsSource(@TempDir Path dir) throws IOException {
    Path file = write(dir, "topic.partitions=3\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown configuration key 'topic.partitions'")
        .hasMessageContaining(file.toString())
        .hasMessageContaining("topics.partitions");
  }

  @Test
  void shouldRejectAnUnknownEnvironmentVariable() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_BOOTSTRAP_SERVER", "x:1"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PERSONA_BOOTSTRAP_SERVER");
  }

  @Test
  void shouldRejectAnInvalidValueSayingWhatIsAllowed() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_PROCESSING_GUARANTEE", "exactly_once"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("processing.guarantee")
        .hasMessageContaining("environment variable PERSONA_PROCESSING_GUARANTEE")
        .hasMessageContaining("exactly_once_v2")
        .hasMessageContaining("at_least_once");
  }

  @Test
  void shouldRejectANumberOutOfRange() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_TOPICS_PARTITIONS", "0"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("topics.partitions")
        .hasMessageContaining("[1,...,1000]");
  }

  @Test
  void shouldPassKnownKafkaSettingsThroughAndRejectUnknownOnes() {
    PersonaConfig config = ConfigLoader.load(Map.of("PERSONA_KAFKA_COMMIT_INTERVAL_MS", "500"), null);
    assertThat(StreamsProperties.of(config)).containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "500");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_KAFKA_COMMIT_INTERVALL_MS", "500"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.commit.intervall.ms");
  }

  @Test
  void shouldRefuseAKafkaOverrideOfASettingThatHasItsOwnKey() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_KAFKA_PROCESSING_GUARANTEE", "at_least_once"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("use 'processing.guarantee' instead");
  }

  @Test
  void shouldLeaveThePersonaVariablesOfOtherToolsAlone() {
    assertThat(ConfigLoader.load(Map.of("PERSONA_LOG_LEVEL", "DEBUG", "PERSONA_CACHE", "/tmp/c"), null)).isNotNull();
  }

  @Test
  void shouldRefuseOwnedSettingsAlsoBehindAClientPrefix() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_KAFKA_REPLICATION_FACTOR", "3"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("use 'topics.replication.factor' instead");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_KAFKA_CONSUMER_BOOTSTRAP_SERVERS", "x:1"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("use 'bootstrap.servers' instead");
  }

  @Test
  void shouldRefuseAGracePeriodShorterThanTheFutureTolerance() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_EVENTS_GRACE_MS", "1000"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("events.grace.ms (1000) must be at least events.max.future.ms");
  }

  @Test
  void shouldFailClearlyOnAMissingFile(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), dir.resolve("nope.properties")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not exist");
  }

  private static Path write(Path dir, String content) throws IOException {
    Path file = dir.resolve("persona.properties");
    Files.writeString(file, content);
    return file;
  }

  @Test
  void shouldRejectAFrequencyCapThatIsNotARuleNamingTheKey() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_OFFERS_CAP_EMAIL", "once a day"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("offers.cap.email")
        .hasMessageContaining("is not a cap like 1/1d");
  }

  @Test
  void shouldSwitchATriggerOffAndRouteAnotherToTheConfiguredChannel() {
    PersonaConfig config = ConfigLoader.load(Map.of(
        "PERSONA_OFFERS_TRIGGER_DIGEST_CHANNEL", "off",
        "PERSONA_OFFERS_TRIGGER_CART_ABANDONMENT_CHANNEL", "sms"), null);

    assertThat(config.offers().enabled(io.persona.avro.OfferTrigger.DIGEST)).isFalse();
    assertThat(config.offers().channelOf(io.persona.avro.OfferTrigger.CART_ABANDONMENT))
        .isEqualTo(io.persona.avro.Channel.SMS);
  }
}
