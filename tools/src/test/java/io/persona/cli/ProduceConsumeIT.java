package io.persona.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.Channel;
import io.persona.avro.OfferKind;
import io.persona.avro.OfferTrigger;
import io.persona.avro.PersonalizedOffer;
import io.persona.emit.OutputSerdes;
import io.persona.serde.JsonAvro;
import io.persona.serde.OutputFormat;
import io.persona.serde.OutputSettings;
import io.persona.testkit.LocalKafka;
import io.persona.testkit.TestEvents;
import io.persona.topology.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The JSON view through a real broker: what {@code produce} publishes, {@code consume} prints back unchanged. */
class ProduceConsumeIT {
  @RegisterExtension
  static final LocalKafka kafka = LocalKafka.perClass();

  @BeforeAll
  static void createTheTopics() throws Exception {
    CommandRun created = createTopics();
    assertThat(created.exitCode()).as(created.err()).isZero();
  }

  @Test
  void shouldPrintBackExactlyTheJsonThatWasProduced(@TempDir Path dir) throws Exception {
    String click = JsonAvro.toJson(TestEvents.click("e-1", "anon-1", "c-1", TestEvents.T0));
    String basket = JsonAvro.toJson(TestEvents.basket("t-1", "c-1", TestEvents.T0.plus(Duration.ofHours(1)), 42.5));

    CommandRun producedClick = produce(dir, "clickstream", click);
    CommandRun producedBasket = produce(dir, "pos-transactions", basket);

    assertThat(producedClick.exitCode()).as(producedClick.err()).isZero();
    assertThat(producedBasket.exitCode()).as(producedBasket.err()).isZero();
    assertThat(consume("clickstream").out().lines()).containsExactly(click);
    assertThat(consume("pos-transactions").out().lines()).containsExactly(basket);
  }

  @Test
  void shouldPrintOffersTheAppWroteAsJson() throws Exception {
    PersonalizedOffer offer = PersonalizedOffer.newBuilder()
        .setOfferEventId("e-json").setCustomerId("c-123").setOfferId("o-garden").setChannel(Channel.EMAIL)
        .setTrigger(OfferTrigger.DIGEST).setScore(0.3).setCreatedAt(TestEvents.T0)
        .setExpiresAt(TestEvents.T0.plus(Duration.ofDays(7))).setOfferName("Garden tools")
        .setOfferKind(OfferKind.PERCENT_OFF).setDiscountValue(20.0).build();
    OutputSerdes json = new OutputSerdes(new OutputSettings(OutputFormat.JSON, ""));
    kafka.send("personalized-offers", "c-123",
        json.writer(Topics.PERSONALIZED_OFFERS).serializer().serialize("personalized-offers", offer));

    assertThat(consume("personalized-offers").out())
        .contains("\"customerId\":\"c-123\"", "\"offerName\":\"Garden tools\"", "\"discountValue\":20.0");
  }

  @Test
  void shouldRejectABadLineWithItsNumberAndFieldAndPublishOnlyTheGoodOnes(@TempDir Path dir) throws Exception {
    CommandRun mixed = produce(dir, "consent-changes", """
        {"customerId":"c-9","channel":"EMAIL","granted":true,"changedAt":"2026-03-01T10:00:00Z"}
        {"customerId":"c-9","channel":"FAX","granted":true,"changedAt":"2026-03-01T10:00:00Z"}
        {"customerId":"c-9","channel":"SMS","granted":false,"changedAt":"2026-03-01T11:00:00Z"}""");

    assertThat(mixed.exitCode()).isEqualTo(1);
    assertThat(mixed.err()).contains("line 2: field 'channel': must be one of").contains("2 record(s)")
        .contains("1 line(s) rejected");
    assertThat(consume("consent-changes").out().lines()).hasSize(2).noneMatch(line -> line.contains("FAX"));
  }

  @Test
  void shouldRefuseAnUnknownTopicNamingTheKnownOnes(@TempDir Path dir) throws Exception {
    CommandRun run = produce(dir, "clikstream", "{}");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown topic 'clikstream'").contains("clickstream");
  }

  private static CommandRun createTopics() {
    return CommandRun.of("create-topics", "--config", writeConfig().toString());
  }

  private static Path writeConfig() {
    try {
      Path file = Files.createTempFile("persona-it", ".properties");
      Files.writeString(file, "bootstrap.servers=" + kafka.bootstrapServers() + "\ntopics.partitions=3\n");
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CommandRun produce(Path dir, String topic, String lines) throws Exception {
    Path file = Files.createTempFile(dir, topic, ".jsonl");
    Files.writeString(file, lines + "\n");
    return CommandRun.of("produce", "--topic", topic, "--file", file.toString(),
        "--bootstrap-servers", kafka.bootstrapServers());
  }

  private static CommandRun consume(String topic) {
    return CommandRun.of("consume", "--topic", topic, "--bootstrap-servers", kafka.bootstrapServers());
  }
}
