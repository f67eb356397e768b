package io.persona;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import io.persona.avro.Channel;
import io.persona.avro.ClickEvent;
import io.persona.avro.ClickEventType;
import io.persona.avro.ConsentChange;
import io.persona.avro.ErasureReceipt;
import io.persona.avro.ErasureRequest;
import io.persona.avro.PosTransaction;
import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.testkit.LocalKafka;
import io.persona.testkit.TestEvents;
import io.persona.topology.CustomerPartitions;
import io.persona.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Personal data against a real broker: never in logs or dead-letter headers; erased from every changelog. */
class PrivacyIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String PII = "PII-alice";
  @RegisterExtension
  static final LocalKafka kafka = LocalKafka.perClass();

  @BeforeAll
  static void provisionTopicsAndCatalog() throws Exception {
    io.persona.topology.TopicProvisioner.ensure(config(Path.of("unused"), "provision"));
    kafka.send(Topics.OFFER_CATALOG.name(), "o-hose",
        Topics.OFFER_CATALOG.valueSerde().encode(TestEvents.offer("o-hose", "p-hose", "garden")));
  }

  @Test
  void shouldKeepPlantedPersonalDataOutOfLogsAndDeadLetterHeaders(@TempDir Path stateDir) throws Exception {
    ListAppender<ILoggingEvent> logs = captureAllLogs();
    String customer = PII + "-customer@example.com";
    try (PersonaApp app = PersonaApp.start(config(stateDir, "canary"))) {
      await().atMost(PATIENCE).until(() -> app.state() == State.RUNNING);
      ClickEvent search = TestEvents.click("e-1", PII + "-cookie", customer, T0, ClickEventType.SEARCH, null, null,
          null);
      search.setSearchQuery(PII + " home address 1 Main St");
      search.setUrl("https://shop.example/?email=" + PII + "@example.com");
      send(Topics.CLICKSTREAM.name(), Topics.CLICKSTREAM.keyOf(search), Topics.CLICKSTREAM.valueSerde().encode(search));
      ClickEvent negative = TestEvents.click("e-2", PII + "-cookie", customer, T0.plusSeconds(5));
      negative.setPrice(-1.0);
      send(Topics.CLICKSTREAM.name(), PII + "-cookie", Topics.CLICKSTREAM.valueSerde().encode(negative));
      send(Topics.CLICKSTREAM.name(), PII + "-cookie", (PII + " not avro at all").getBytes(StandardCharsets.UTF_8));
      PosTransaction mismatched = TestEvents.basket("t-1", customer, T0.plusSeconds(9), line("p-1", "x", "y", 1, 2));
      send(Topics.POS_TRANSACTIONS.name(), PII + "-other-key", Topics.POS_TRANSACTIONS.valueSerde().encode(mismatched));
      send(Topics.CONSENT_CHANGES.name(), PII + "-wrong-consent-key", Topics.CONSENT_CHANGES.valueSerde().encode(
          new ConsentChange(customer, Channel.EMAIL, true, T0, PII + "-source")));

      List<ConsumerRecord<String, byte[]>> dead = await().atMost(PATIENCE)
          .until(() -> kafka.readCommitted(Topics.DEAD_LETTER), records -> records.size() >= 4);
      assertThat(dead).hasSize(4);
      for (ConsumerRecord<String, byte[]> record : dead) {
        for (Header header : record.headers()) {
          assertThat(new String(header.value(), StandardCharsets.UTF_8)).as(header.key()).doesNotContain(PII);
        }
      }
    } finally {
      stopCapturing(logs);
    }
    List<String> lines = logs.list.stream().map(PrivacyIT::render).toList();
    assertThat(lines).as("non-vacuous: the app logged its work and the dead letters").hasSizeGreaterThan(20);
    assertThat(lines).noneMatch(line -> line.contains(PII));
  }

  @Test
  void shouldEraseACustomerFromEveryChangelogAndCompactedTopic(@TempDir Path stateDir) throws Exception {
    String customer = "cust-erase-it-9";
    PersonaConfig config = config(stateDir, "erasure");
    try (PersonaApp app = PersonaApp.start(config)) {
      await().atMost(PATIENCE).until(() -> app.state() == State.RUNNING);
      send(Topics.CONSENT_CHANGES.name(), CustomerPartitions.consentKey(customer, Channel.EMAIL), partition(customer),
          Topics.CONSENT_CHANGES.valueSerde().encode(new ConsentChange(customer, Channel.EMAIL, true, T0, "it")));
      ClickEvent login = TestEvents.click("e-1", "cookie-9", customer, T0.plusSeconds(1), ClickEventType.LOGIN, null,
          null, null);
      send(Topics.CLICKSTREAM.name(), "cookie-9", Topics.CLICKSTREAM.valueSerde().encode(login));
      send(Topics.CLICKSTREAM.name(), "cookie-9", Topics.CLICKSTREAM.valueSerde().encode(
          TestEvents.click("e-2", "cookie-9", customer, T0.plusSeconds(2), ClickEventType.ADD_TO_CART, "garden", "acme",
              "p-hose")));
      send(Topics.POS_TRANSACTIONS.name(), customer, Topics.POS_TRANSACTIONS.valueSerde().encode(
          TestEvents.basket("t-1", customer, T0.plusSeconds(3), line("p-hose", "garden", "acme", 1, 30))));
      await().atMost(PATIENCE).until(() -> app.queries().profile(customer) != null
          && app.queries().profile(customer).getPurchaseCount() == 1);
      assertThat(changelogsMentioning(config, customer)).as("non-vacuous").isNotEmpty();

      long requested = System.nanoTime();
      send(Topics.ERASURE_REQUESTS.name(), customer, Topics.ERASURE_REQUESTS.valueSerde().encode(
          new ErasureRequest("req-9", customer, T0.plusSeconds(10))));
      ErasureReceipt receipt = await().atMost(PATIENCE).until(() -> kafka.readCommitted(Topics.ERASURE_RECEIPTS.name())
          .stream().map(r -> Topics.ERASURE_RECEIPTS.valueSerde().decode(r.value())).findFirst().orElse(null),
          r -> r != null);
      long toReceiptMs = (System.nanoTime() - requested) / 1_000_000;

      assertThat(receipt.getRequestId()).isEqualTo("req-9");
      assertThat(app.queries().profile(customer)).isNull();
      assertThat(latestValuesMentioning(config, customer)).as("every latest value is a tombstone").isEmpty();

      long compactionStart = System.nanoTime();
      await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
        keepSegmentsRolling(customer);
        return changelogsMentioning(config, customer).isEmpty();
      });
      System.out.printf("erasure: request to receipt %d ms; changelogs physically compacted %d ms later%n",
          toReceiptMs, (System.nanoTime() - compactionStart) / 1_000_000);
    }
  }

  @Test
  void shouldKeepEnforcingConsentAfterARestartThatRestoresFromTheChangelogs(@TempDir Path before, @TempDir Path after)
      throws Exception {
    String keeps = "cust-consent-keeps";
    String withdraws = "cust-consent-withdraws";
    for (String customer : List.of(keeps, withdraws)) {
      send(Topics.CONSENT_CHANGES.name(), CustomerPartitions.consentKey(customer, Channel.EMAIL), partition(customer),
          Topics.CONSENT_CHANGES.valueSerde().encode(new ConsentChange(customer, Channel.EMAIL, true, T0, "it")));
    }
    try (PersonaApp app = PersonaApp.start(config(before, "restart"))) {
      await().atMost(PATIENCE).until(() -> app.state() == State.RUNNING);
      abandonCartAndWait(withdraws, T0.plusSeconds(60));
      await().atMost(PATIENCE).until(() -> offersTo(withdraws) == 1);
    }
    send(Topics.CONSENT_CHANGES.name(), CustomerPartitions.consentKey(withdraws, Channel.EMAIL), partition(withdraws),
        Topics.CONSENT_CHANGES.valueSerde().encode(
            new ConsentChange(withdraws, Channel.EMAIL, false, T0.plus(Duration.ofDays(1)), "it")));
    try (PersonaApp app = PersonaApp.start(config(after, "restart"))) { // a fresh state dir: restored from changelogs
      await().atMost(PATIENCE).until(() -> app.state() == State.RUNNING);
      abandonCartAndWait(withdraws, T0.plus(Duration.ofDays(2)));
      abandonCartAndWait(keeps, T0.plus(Duration.ofDays(3))); // later: its own clicks move stream time on
      await().atMost(PATIENCE).until(() -> offersTo(keeps) == 1);
      assertThat(offersTo(withdraws)).as("withdrawn before the restart, still withdrawn after it").isEqualTo(1);
    }
  }

  /** A cart, then the same shopper's page view 40 minutes later: their task's stream time passes the trigger. */
  private static void abandonCartAndWait(String customer, java.time.Instant at) throws Exception {
    String cookie = "cookie-" + customer;
    send(Topics.CLICKSTREAM.name(), cookie, Topics.CLICKSTREAM.valueSerde().encode(TestEvents.click(
        "e-cart-" + customer + at.toEpochMilli(), cookie, customer, at, ClickEventType.ADD_TO_CART, "garden", "acme",
        "p-hose")));
    send(Topics.CLICKSTREAM.name(), cookie, Topics.CLICKSTREAM.valueSerde().encode(TestEvents.click(
        "e-later-" + customer + at.toEpochMilli(), cookie, customer, at.plus(Duration.ofMinutes(40)),
        ClickEventType.PAGE_VIEW, "garden", "acme", null)));
  }

  private static long offersTo(String customer) {
    return kafka.readCommitted(Topics.PERSONALIZED_OFFERS.name()).stream().filter(r -> r.key().equals(customer))
        .count();
  }

  private static int others;

  /**
   * Traffic of other customers in the erased customer's partition: every store's changelog partition gets new
   * records, so its segments roll and the cleaner reaches the records the tombstones made obsolete.
   */
  private static void keepSegmentsRolling(String erased) throws Exception {
    int partition = partition(erased);
    for (int written = 0; written < 3; others++) {
      String other = "cust-other-" + others;
      if (partition(other) != partition) {
        continue;
      }
      written++;
      String cookie = "cookie-other-" + others;
      send(Topics.CONSENT_CHANGES.name(), CustomerPartitions.consentKey(other, Channel.EMAIL), partition,
          Topics.CONSENT_CHANGES.valueSerde().encode(new ConsentChange(other, Channel.EMAIL, true, T0, "it")));
      send(Topics.CLICKSTREAM.name(), cookie, Topics.CLICKSTREAM.valueSerde().encode(TestEvents.click(
          "e-o-" + others, cookie, other, T0.plusSeconds(20), ClickEventType.ADD_TO_CART, "garden", "acme", "p-1")));
      send(Topics.POS_TRANSACTIONS.name(), other, Topics.POS_TRANSACTIONS.valueSerde().encode(
          TestEvents.basket("t-" + other, other, T0.plusSeconds(21), line("p-1", "x", "y", 1, 2))));
    }
  }

  /** Topics that the app writes customer data to and compacts: its changelogs, profiles and consent. */
  private static List<String> compactedTopics(PersonaConfig config) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      List<String> topics = new ArrayList<>(admin.listTopics().names().get().stream()
          .filter(t -> t.startsWith(config.applicationId()) && t.endsWith("-changelog")).toList());
      topics.add(Topics.CUSTOMER_PROFILES.name());
      topics.add(Topics.CONSENT_CHANGES.name());
      return topics;
    }
  }

  /** Topics where any record, from the beginning, mentions the customer in its key or a non-null value. */
  private static Set<String> changelogsMentioning(PersonaConfig config, String customer) throws Exception {
    return compactedTopics(config).stream()
        .filter(topic -> kafka.readCommitted(topic).stream().anyMatch(r -> r.value() != null
            && (r.key().contains(customer) || new String(r.value(), StandardCharsets.ISO_8859_1).contains(customer))))
        .collect(Collectors.toSet());
  }

  /** Topics whose latest value for a key of the customer is not a tombstone. */
  private static Set<String> latestValuesMentioning(PersonaConfig config, String customer) throws Exception {
    Set<String> found = new java.util.HashSet<>();
    for (String topic : compactedTopics(config)) {
      Map<String, byte[]> latest = new java.util.HashMap<>();
      kafka.readCommitted(topic).forEach(r -> latest.put(r.key(), r.value()));
      latest.forEach((key, value) -> {
        if (value != null && (key.contains(customer)
            || new String(value, StandardCharsets.ISO_8859_1).contains(customer))) {
          found.add(topic + " " + key);
        }
      });
    }
    return found;
  }

  private static int partition(String customer) {
    return CustomerPartitions.of(customer, 3);
  }


  private static void send(String topic, String key, byte[] value) throws Exception {
    kafka.send(topic, key, value);
  }

  private static void send(String topic, String key, int partition, byte[] value) throws Exception {
    kafka.send(topic, key, partition, value);
  }

  private static PersonaConfig config(Path stateDir, String name) {
    return ConfigLoader.load(Map.of(
        "PERSONA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "PERSONA_STATE_DIR", stateDir.toString(),
        "PERSONA_APPLICATION_ID", "persona-privacy-" + name,
        "PERSONA_TOPICS_PARTITIONS", "3",
        "PERSONA_CHANGELOG_MAX_COMPACTION_LAG_MS", "1000",
        "PERSONA_CHANGELOG_SEGMENT_MS", "1000",
        "PERSONA_KAFKA_TOPIC_MIN_CLEANABLE_DIRTY_RATIO", "0.01",
        "PERSONA_KAFKA_TOPIC_DELETE_RETENTION_MS", "100",
        "PERSONA_OFFERS_HOLDOUT_PERCENT", "0",
        // a restarted member need not wait out the stopped one's 45 s session
        "PERSONA_KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000"), null);
  }

  /** Every log line from INFO up (Kafka's) and of every level (ours), into a list only: the console stays quiet. */
  private static ListAppender<ILoggingEvent> captureAllLogs() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    for (String name : List.of("org.apache.kafka", "io.persona")) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      logger.setAdditive(false);
      logger.addAppender(appender);
      logger.setLevel(name.equals("io.persona") ? Level.ALL : Level.INFO);
    }
    return appender;
  }

  private static void stopCapturing(ListAppender<ILoggingEvent> appender) {
    for (String name : List.of("org.apache.kafka", "io.persona")) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      logger.detachAppender(appender);
      logger.setAdditive(true);
      logger.setLevel(name.equals("io.persona") ? Level.INFO : Level.ERROR);
    }
  }

  private static String render(ILoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
      for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
        text.append(' ').append(frame.getSTEAsString());
      }
    }
    return text.toString();
  }
}
