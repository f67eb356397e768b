package io.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.persona.avro.ClickEvent;
import io.persona.avro.CustomerProfile;
import io.persona.config.ConfigException;
import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app against a real broker: topics created, exactly-once profiles, dead letters byte-exact, clean stop. */
class PersonaAppIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static LocalKafka kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = LocalKafka.start();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    kafka.close();
  }

  @Test
  void shouldBuildProfilesThroughARealBrokerAndDeadLetterGarbageWithItsOrigin(@TempDir Path stateDir) throws Exception {
    PersonaConfig config = config(stateDir, 3);
    try (PersonaApp app = PersonaApp.start(config)) {
      await().atMost(PATIENCE).until(() -> app.state() == State.RUNNING);

      byte[] garbage = "garbage".getBytes(StandardCharsets.UTF_8);
      ClickEvent negativePrice = TestEvents.click("e-9", "anon-1", null, TestEvents.T0);
      negativePrice.setPrice(-1.0);
      byte[] absurd = Topics.CLICKSTREAM.valueSerde().encode(negativePrice);
      send(Topics.CLICKSTREAM.name(), "anon-1", click(TestEvents.click("e-1", "anon-1", null, TestEvents.T0)));
      send(Topics.CLICKSTREAM.name(), "c-1", click(TestEvents.click("e-2", "anon-1", "c-1", TestEvents.T0.plusSeconds(60))));
      RecordMetadata garbageSent = send(Topics.CLICKSTREAM.name(), "anon-1", garbage);
      RecordMetadata absurdSent = send(Topics.CLICKSTREAM.name(), "anon-1", absurd);
      send(Topics.POS_TRANSACTIONS.name(), "c-1",
          Topics.POS_TRANSACTIONS.valueSerde().encode(TestEvents.basket("t-1", "c-1", TestEvents.T0.plusSeconds(120), 30.0)));
      send(Topics.POS_TRANSACTIONS.name(), "c-1", new byte[0]);

      // The login click, keyed by its customer, counts at once; its announcement to the device's identity task
      // folds the anonymous click in: three events for c-1, in two or three published changes.
      CustomerProfile last = await().atMost(PATIENCE).until(() -> latestProfile("c-1"),
          profile -> profile != null && profile.getEventCount() == 3);
      assertThat(last.getTotalSpend()).isEqualTo(30.0);

      List<ConsumerRecord<String, byte[]>> dead = await().atMost(PATIENCE)
          .until(() -> readCommitted(Topics.DEAD_LETTER), records -> records.size() >= 3);
      assertThat(dead).hasSize(3);
      assertThat(deadLetterFrom(dead, garbageSent)).satisfies(record -> {
        assertThat(record.value()).isEqualTo(garbage);
        assertThat(header(record, "__streams.errors.message")).contains("cannot decode ClickEvent");
      });
      assertThat(deadLetterFrom(dead, absurdSent)).satisfies(record -> {
        assertThat(record.value()).isEqualTo(absurd);
        assertThat(header(record, "__streams.errors.message")).isEqualTo("price must be a finite number >= 0");
      });
      assertThat(dead).anySatisfy(record ->
          assertThat(header(record, "__streams.errors.topic")).isEqualTo(Topics.POS_TRANSACTIONS.name()));
    }
  }

  @Test
  void shouldStopCleanlyWhenClosed(@TempDir Path stateDir) {
    PersonaApp app = PersonaApp.start(config(stateDir, 3));
    await().atMost(PATIENCE).until(() -> app.state() == State.RUNNING);

    app.close();

    assertThat(app.stoppedCleanly()).isTrue();
    assertThat(app.state()).isEqualTo(State.NOT_RUNNING);
  }

  @Test
  void shouldRefuseToStartWhenTopicsAreNotCoPartitionedAsConfigured(@TempDir Path stateDir) {
    PersonaApp.start(config(stateDir, 3)).close();

    assertThatThrownBy(() -> PersonaApp.start(config(stateDir, 6)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("has 3 partitions but topics.partitions=6");
  }

  private static PersonaConfig config(Path stateDir, int partitions) {
    return ConfigLoader.load(Map.of(
        "PERSONA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "PERSONA_STATE_DIR", stateDir.toString(),
        // A fresh group per test: a closed Streams member stays in its group until the session times out.
        "PERSONA_APPLICATION_ID", "persona-it-" + stateDir.getFileName(),
        "PERSONA_TOPICS_PARTITIONS", Integer.toString(partitions)), null);
  }

  private static RecordMetadata send(String topic, String key, byte[] value) throws Exception {
    return kafka.send(topic, key, value);
  }

  private static List<ConsumerRecord<String, byte[]>> readCommitted(String topic) {
    return kafka.readCommitted(topic);
  }

  private static byte[] click(ClickEvent click) {
    return Topics.CLICKSTREAM.valueSerde().encode(click);
  }

  private static CustomerProfile latestProfile(String customerId) {
    List<ConsumerRecord<String, byte[]>> records = readCommitted(Topics.CUSTOMER_PROFILES.name());
    return records.stream().filter(r -> r.key().equals(customerId)).reduce((a, b) -> b)
        .map(r -> Topics.CUSTOMER_PROFILES.valueSerde().decode(r.value())).orElse(null);
  }

  /** The dead letter whose headers point at the given source record. */
  private static ConsumerRecord<String, byte[]> deadLetterFrom(List<ConsumerRecord<String, byte[]>> dead,
      RecordMetadata source) {
    return dead.stream()
        .filter(r -> header(r, "__streams.errors.topic").equals(source.topic())
            && header(r, "__streams.errors.partition").equals(Integer.toString(source.partition()))
            && header(r, "__streams.errors.offset").equals(Long.toString(source.offset())))
        .findFirst().orElseThrow();
  }

  private static String header(ConsumerRecord<?, ?> record, String key) {
    return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
