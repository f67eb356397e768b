package io.persona.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.CommandRun;
import io.persona.LocalKafka;
import io.persona.TestEvents;
import io.persona.serde.JsonAvro;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON view through a real broker: what {@code produce} publishes, {@code consume} prints back unchanged. */
class ProduceConsumeIT {
  private static LocalKafka kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = LocalKafka.start();
    CommandRun created = createTopics();
    assertThat(created.exitCode()).as(created.err()).isZero();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    kafka.close();
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
