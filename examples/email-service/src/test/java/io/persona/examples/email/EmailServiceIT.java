package io.persona.examples.email;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.persona.PersonaApp;
import io.persona.avro.Channel;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKind;
import io.persona.avro.OfferTrigger;
import io.persona.avro.PersonalizedOffer;
import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.emit.OutputSerdes;
import io.persona.serde.OutputReader;
import io.persona.serde.OutputSettings;
import io.persona.testkit.LocalKafka;
import io.persona.testkit.TestEvents;
import io.persona.topology.TopicProvisioner;
import io.persona.topology.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The example email service against a real broker, reading what Persona writes in each format it can read. */
class EmailServiceIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final Path RELEASED_OFFERS =
      Path.of(System.getProperty("persona.repo.dir", "../.."), "schemas", "released", "PersonalizedOffer");
  @RegisterExtension
  static final LocalKafka kafka = LocalKafka.perClass();

  @Test
  void shouldEmailTheOfferTheAppDecidedAndWroteAsJson(@TempDir Path stateDir) throws Exception {
    PersonaConfig config = config(stateDir);
    TopicProvisioner.ensure(config);
    OfferCatalogEntry garden = TestEvents.offer("o-garden", null, "garden");
    garden.setName("Garden tools");
    garden.setDiscountValue(20);
    kafka.send(Topics.OFFER_CATALOG.name(), "o-garden", Topics.OFFER_CATALOG.valueSerde().encode(garden));

    try (PersonaApp app = PersonaApp.start(config)) {
      await().atMost(PATIENCE).until(() -> app.state() == State.RUNNING);
      kafka.send(Topics.POS_TRANSACTIONS.name(), "c-123", Topics.POS_TRANSACTIONS.valueSerde().encode(
          TestEvents.basket("t-1", "c-123", T0, line("p-rake", "garden", "acme", 1, 12))));

      String printed = emailLines("email-json", Topics.PERSONALIZED_OFFERS.name(), JsonOffers::parse);

      PersonalizedOffer sent = committedOffers().get(0);
      assertThat(printed).isEqualTo("To c-123: 20% off Garden tools, until "
          + LocalDate.ofInstant(sent.getExpiresAt(), ZoneOffset.UTC) + " (ref " + sent.getOfferEventId() + ")\n");
      assertThat(sent.getExpiresAt()).isEqualTo(T0.plus(config.offers().validity()));
    }
  }

  @Test
  void shouldEmailAnOfferWrittenAsAvroWithNothingButThePublishedSchemas() throws Exception {
    String topic = "avro-offers";
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    PersonalizedOffer offer = PersonalizedOffer.newBuilder()
        .setOfferEventId("e-avro").setCustomerId("c-7").setOfferId("o-rake").setChannel(Channel.EMAIL)
        .setTrigger(OfferTrigger.DIGEST).setScore(0.3).setCreatedAt(T0).setExpiresAt(T0.plus(Duration.ofDays(7)))
        .setOfferName("Rakes").setOfferKind(OfferKind.AMOUNT_OFF).setDiscountValue(5.0).build();
    byte[] asTheAppWritesIt = new OutputSerdes(OutputSettings.AVRO).writer(Topics.PERSONALIZED_OFFERS).serializer()
        .serialize(topic, offer);
    kafka.send(topic, "c-7", asTheAppWritesIt);

    String printed = emailLines("email-avro", topic, AvroOffers.from(RELEASED_OFFERS)::parse);

    assertThat(printed).isEqualTo("To c-7: 5.00 off Rakes, until 2026-03-08 (ref e-avro)\n");
  }

  /** Runs the example until it has printed one line. */
  private static String emailLines(String group, String topic, EmailService.OfferFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EmailService service = new EmailService(kafka.bootstrapServers(), group, topic, format,
        new PrintStream(out, true, StandardCharsets.UTF_8));
    assertTimeoutPreemptively(PATIENCE, () -> service.run(1));
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<PersonalizedOffer> committedOffers() {
    OutputReader<PersonalizedOffer> reader = new OutputReader<>(PersonalizedOffer.class, null);
    return kafka.readCommitted(Topics.PERSONALIZED_OFFERS.name()).stream()
        .map(r -> reader.deserialize(r.topic(), r.value())).toList();
  }

  private static PersonaConfig config(Path stateDir) {
    return ConfigLoader.load(Map.of(
        "PERSONA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "PERSONA_STATE_DIR", stateDir.toString(),
        "PERSONA_APPLICATION_ID", "persona-email-it",
        "PERSONA_OUTPUT_FORMAT", "json",
        "PERSONA_OFFERS_HOLDOUT_PERCENT", "0",
        "PERSONA_OFFERS_TRIGGER_POST_PURCHASE_CHANNEL", "email",
        "PERSONA_CONSENT_DEFAULT_EMAIL", "grant"), null);
  }
}
