package io.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.persona.avro.ClickEvent;
import io.persona.avro.CustomerProfile;
import io.persona.config.ConfigException;
import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.testkit.LocalKafka;
import io.persona.testkit.TestEvents;
import io.persona.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app against a real broker: topics created, exactly-once profiles, dead letters byte-exact, clean stop, topic names
 * for a shared cluster.
 */
class PersonaAppIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  @RegisterExtension
  static final LocalKafka kafka = LocalKafka.perClass();

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

  @Test
  void shouldRunUnderAPrefixReadingATrackerTopicThatAnotherTeamOwns(@TempDir Path stateDir) throws Exception {
    String tracker = "web.tracker-events";
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(tracker, 3, (short) 1).configs(Map.of("retention.ms", "3600000"))))
          .all().get();
      Map<String, String> shared = Map.of("PERSONA_TOPICS_PREFIX", "shop1.", "PERSONA_TOPICS_NAME_CLICKSTREAM", tracker);
      try (PersonaApp app = PersonaApp.start(config(stateDir, 3, shared))) {
        await().atMost(PATIENCE).until(() -> app.state() == State.RUNNING);
        send(tracker, "c-7", click(TestEvents.click("e-1", "anon-7", "c-7", TestEvents.T0)));
        send("shop1.pos-transactions", "c-7", Topics.POS_TRANSACTIONS.valueSerde()
            .encode(TestEvents.basket("t-7", "c-7", TestEvents.T0.plusSeconds(60), 12.0)));
        send(tracker, "anon-7", "garbage".getBytes(StandardCharsets.UTF_8));

        CustomerProfile profile = await().atMost(PATIENCE).until(() -> latestProfile("shop1.customer-profiles", "c-7"),
            p -> p != null && p.getEventCount() == 2);
        assertThat(profile.getTotalSpend()).isEqualTo(12.0);
        assertThat(await().atMost(PATIENCE).until(() -> readCommitted("shop1.dead-letter"), d -> !d.isEmpty()))
            .allSatisfy(dead -> assertThat(header(dead, "__streams.errors.topic")).isEqualTo(tracker));
      }
      Set<String> topics = admin.listTopics().names().get();
      assertThat(topics).contains("shop1.personalized-offers", "shop1.offer-catalog").doesNotContain("shop1.clickstream");
      ConfigResource trackerConfig = new ConfigResource(ConfigResource.Type.TOPIC, tracker);
      assertThat(admin.describeConfigs(List.of(trackerConfig)).all().get().get(trackerConfig).get("retention.ms").value())
          .as("a topic named explicitly is never reconfigured").isEqualTo("3600000");

      admin.createTopics(List.of(new NewTopic("web.five-partitions", 5, (short) 1))).all().get();
      assertThatThrownBy(() -> PersonaApp.start(config(stateDir, 3,
              Map.of("PERSONA_TOPICS_PREFIX", "shop1.", "PERSONA_TOPICS_NAME_CLICKSTREAM", "web.five-partitions"))))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("topic web.five-partitions has 5 partitions but topics.partitions=3");
    }
  }

  private static PersonaConfig config(Path stateDir, int partitions) {
    return config(stateDir, partitions, Map.of());
  }

  private static PersonaConfig config(Path stateDir, int partitions, Map<String, String> more) {
    Map<String, String> env = new HashMap<>(more);
    env.putAll(Map.of(
        "PERSONA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "PERSONA_STATE_DIR", stateDir.toString(),
        // A fresh group per test: a closed Streams member stays in its group until the session times out.
        "PERSONA_APPLICATION_ID", "persona-it-" + stateDir.getFileName(),
        "PERSONA_TOPICS_PARTITIONS", Integer.toString(partitions)));
    return ConfigLoader.load(env, null);
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
    return latestProfile(Topics.CUSTOMER_PROFILES.name(), customerId);
  }

  private static CustomerProfile latestProfile(String topic, String customerId) {
    List<ConsumerRecord<String, byte[]>> records = readCommitted(topic);
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
