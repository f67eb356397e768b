package io.persona;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.persona.avro.Channel;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKpi;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OutcomeType;
import io.persona.avro.PersonalizedOffer;
import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.decide.Decider.Option;
import io.persona.serve.OfferQueries.NotHostedHereException;
import io.persona.testkit.LocalKafka;
import io.persona.testkit.TestEvents;
import io.persona.topology.TopicProvisioner;
import io.persona.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two instances of the app decide for different customers at once; the offer's budget holds across both. */
class OfferBudgetIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final long BUDGET = 5;
  private static final int CUSTOMERS = 60;
  @RegisterExtension
  static final LocalKafka kafka = LocalKafka.perClass();

  @Test
  void shouldNeverSendMoreThanTheBudgetWhateverInstanceDecides(@TempDir Path one, @TempDir Path two)
      throws Exception {
    TopicProvisioner.ensure(config(one));
    OfferCatalogEntry limited = TestEvents.offer("o-limited", null, "garden");
    limited.setMaxSends(BUDGET);
    kafka.send(Topics.OFFER_CATALOG.name(), "o-limited", Topics.OFFER_CATALOG.valueSerde().encode(limited));

    try (PersonaApp first = PersonaApp.start(config(one)); PersonaApp second = PersonaApp.start(config(two))) {
      await().atMost(PATIENCE).until(() -> first.state() == State.RUNNING && second.state() == State.RUNNING);
      for (int c = 0; c < CUSTOMERS; c++) {
        kafka.send(Topics.POS_TRANSACTIONS.name(), "c-" + c, Topics.POS_TRANSACTIONS.valueSerde().encode(
            TestEvents.basket("t-" + c, "c-" + c, T0.plusSeconds(c), line("p-rake", "garden", "acme", 1, 12))));
      }

      // Each of the 4 tasks may spend its share (2, 1, 1, 1 of 5); 60 customers spend every share.
      await().atMost(PATIENCE).until(() -> outcomes(OutcomeType.SENT), list -> kpi() != null
          && kpi().getTreatment().getDecisions() == list.size() && list.size() >= BUDGET);
      // a task sending beyond its share would do so within these seconds
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
          .until(() -> outcomes(OutcomeType.SENT).size() == BUDGET);

      List<PersonalizedOffer> sent = kafka.readCommitted(Topics.PERSONALIZED_OFFERS.name()).stream()
          .map(r -> Topics.PERSONALIZED_OFFERS.valueSerde().decode(r.value())).toList();
      assertThat(sent).hasSize((int) BUDGET);
      assertThat(sent).extracting(PersonalizedOffer::getOfferEventId).doesNotHaveDuplicates();
      assertThat(kpi().getTreatment().getDecisions()).isEqualTo(BUDGET);

      assertThat(topOffersFor("c-1", first, second)).as("the spent offer stays relevant, flagged as held back")
          .singleElement().satisfies(option -> {
            assertThat(option.offer().getOfferId()).isEqualTo("o-limited");
            assertThat(option.heldBack()).isTrue();
          });
      kafka.send(Topics.OFFER_CATALOG.name(), "o-open",
          Topics.OFFER_CATALOG.valueSerde().encode(TestEvents.offer("o-open", null, "garden")));
      await().atMost(PATIENCE).untilAsserted(() -> assertThat(topOffersFor("c-1", first, second))
          .as("an offer added to the catalog is ranked at once, without a restart")
          .filteredOn(option -> !option.heldBack())
          .extracting(option -> option.offer().getOfferId()).containsExactly("o-open"));
      assertThat(first.queries().kpis("o-limited").getTreatment().getDecisions()).isEqualTo(BUDGET);
    }
  }

  /** Asks both instances: the one that owns the customer answers, the other says it does not. */
  private static List<Option> topOffersFor(String customerId, PersonaApp... apps) {
    List<Option> top = new ArrayList<>();
    int answered = 0;
    for (PersonaApp app : apps) {
      try {
        top.addAll(app.queries().topOffers(customerId, Channel.EMAIL, 3));
        answered++;
      } catch (NotHostedHereException elsewhere) {
        // the other instance owns the customer
      }
    }
    assertThat(answered).isEqualTo(1);
    return top;
  }

  private static OfferKpi kpi() {
    List<ConsumerRecord<String, byte[]>> records = kafka.readCommitted(Topics.OFFER_KPIS.name());
    return records.isEmpty() ? null
        : Topics.OFFER_KPIS.valueSerde().decode(records.get(records.size() - 1).value());
  }

  private static List<OfferOutcome> outcomes(OutcomeType... types) {
    List<OutcomeType> wanted = List.of(types);
    return kafka.readCommitted(Topics.OFFER_OUTCOMES.name()).stream()
        .map(r -> Topics.OFFER_OUTCOMES.valueSerde().decode(r.value()))
        .filter(o -> wanted.contains(o.getOutcome())).toList();
  }

  private static PersonaConfig config(Path stateDir) {
    return ConfigLoader.load(Map.of(
        "PERSONA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "PERSONA_STATE_DIR", stateDir.toString(),
        "PERSONA_APPLICATION_ID", "persona-budget-it",
        "PERSONA_TOPICS_PARTITIONS", "4",
        "PERSONA_OFFERS_HOLDOUT_PERCENT", "0",
        "PERSONA_CONSENT_DEFAULT_POS", "grant"), null);
  }
}
