package io.persona.topology;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.click;
import static io.persona.testkit.TestEvents.line;
import static io.persona.testkit.TestEvents.offer;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.AdOffer;
import io.persona.avro.Channel;
import io.persona.avro.ClassResponse;
import io.persona.avro.ClickEventType;
import io.persona.avro.ExperimentArm;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKpi;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OfferTrigger;
import io.persona.avro.OutcomeType;
import io.persona.avro.PersonalizedOffer;
import io.persona.avro.PosTransaction;
import io.persona.privacy.Pseudonyms;
import io.persona.serde.JsonRecordSerde;
import io.persona.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** decide -> emit -> learn, end to end in the real topology, on event time only. */
class OfferTopologyTest {
  /** Consent is someone else's test (ConsentTopologyTest): here every channel is granted by default. */
  static final Map<String, String> CONSENTED = Map.of(
      "PERSONA_CONSENT_DEFAULT_EMAIL", "grant", "PERSONA_CONSENT_DEFAULT_POS", "grant",
      "PERSONA_CONSENT_DEFAULT_PUSH", "grant", "PERSONA_CONSENT_DEFAULT_AD", "grant",
      "PERSONA_PRIVACY_AD_PSEUDONYM_KEY", "test-secret");
  private static final Map<String, String> ONLY_CART_TRIGGER = Map.of(
      "PERSONA_OFFERS_HOLDOUT_PERCENT", "0",
      "PERSONA_OFFERS_TRIGGER_INTEREST_SPIKE_CHANNEL", "off",
      "PERSONA_OFFERS_TRIGGER_POST_PURCHASE_CHANNEL", "off",
      "PERSONA_OFFERS_TRIGGER_DIGEST_CHANNEL", "off");

  private TopologyFixture fixture;
  private int clicks;

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldSendExactlyOneEmailForAnAbandonedCartAndThenHoldTheDailyCap() {
    fixture = gardenShop(ONLY_CART_TRIGGER);

    browseGardenToolsAndAbandonTheCart("c-1", T0);
    advanceStreamTimeTo(T0.plus(Duration.ofMinutes(40)));

    List<PersonalizedOffer> sent = offersFor("c-1");
    assertThat(sent).singleElement().satisfies(offer -> {
      assertThat(offer.getChannel()).isEqualTo(Channel.EMAIL);
      assertThat(offer.getTrigger()).isEqualTo(OfferTrigger.CART_ABANDONMENT);
      assertThat(offer.getOfferId()).isIn("o-hose", "o-garden");
      assertThat(offer.getReasonCodes()).anyMatch(r -> r.startsWith("affinity:category=garden")
          || r.equals("cart:product=p-hose"));
      assertThat(offer.getExperimentArm()).isEqualTo(ExperimentArm.TREATMENT);
      assertThat(offer.getSelectionProbability()).isBetween(0.0, 1.0);
      assertThat(offer.getCreatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(32)));
      assertThat(offer.getExpiresAt()).isEqualTo(offer.getCreatedAt().plus(Duration.ofDays(7)));
    });

    abandonCart("c-1", "p-rake", T0.plus(Duration.ofMinutes(50)));
    advanceStreamTimeTo(T0.plus(Duration.ofHours(3)));
    assertThat(offersFor("c-1")).as("the email cap of 1 a day holds").isEmpty();

    abandonCart("c-1", "p-hose", T0.plus(Duration.ofHours(25)));
    advanceStreamTimeTo(T0.plus(Duration.ofHours(26)));
    assertThat(offersFor("c-1")).as("a day later the cap allows one more").hasSize(1);
  }

  @Test
  void shouldLearnFromARedemptionAtThePosAndNotOfferTheSameOfferAgain() {
    fixture = gardenShop(ONLY_CART_TRIGGER);
    browseGardenToolsAndAbandonTheCart("c-1", T0);
    advanceStreamTimeTo(T0.plus(Duration.ofMinutes(40)));
    PersonalizedOffer sent = offersFor("c-1").get(0);
    fixture.outcomes.readRecordsToList();

    PosTransaction redeeming = TestEvents.basket("t-1", "c-1", T0.plus(Duration.ofDays(1)),
        line("p-hose", "garden", "acme", 1, 30));
    redeeming.setCouponCodes(List.of(sent.getOfferEventId()));
    fixture.basket(redeeming);

    assertThat(outcomes()).singleElement().satisfies(outcome -> {
      assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.REDEEMED);
      assertThat(outcome.getOfferEventId()).isEqualTo(sent.getOfferEventId());
      assertThat(outcome.getRevenue()).isEqualTo(30.0);
    });
    assertThat(fixture.offerState("c-1").getResponses()).extracting(ClassResponse::getSuccesses).containsExactly(1);
    OfferKpi kpi = fixture.kpi(sent.getOfferId());
    assertThat(kpi.getTreatment().getRedeemed()).isEqualTo(1);
    assertThat(kpi.getTreatment().getConversionRate()).isEqualTo(1.0);
    assertThat(kpi.getOutstanding()).isZero();

    for (int day = 4; day < 20; day += 2) {
      abandonCart("c-1", "p-hose", T0.plus(Duration.ofDays(day)));
      advanceStreamTimeTo(T0.plus(Duration.ofDays(day)).plus(Duration.ofHours(1)));
    }
    List<PersonalizedOffer> later = offersFor("c-1");
    assertThat(later).as("other offers are still made").isNotEmpty();
    assertThat(later).extracting(PersonalizedOffer::getOfferId).doesNotContain(sent.getOfferId());
  }

  @Test
  void shouldRecordAWouldHaveSentForAHeldOutCustomerAndCountTheirPurchasesAgainstTheOffer() {
    Map<String, String> env = new HashMap<>(ONLY_CART_TRIGGER);
    env.put("PERSONA_OFFERS_HOLDOUT_PERCENT", "100");
    fixture = gardenShop(env);
    browseGardenToolsAndAbandonTheCart("c-1", T0);
    advanceStreamTimeTo(T0.plus(Duration.ofMinutes(40)));

    assertThat(offersFor("c-1")).isEmpty();
    OfferOutcome withheld = outcomes().get(0);
    assertThat(withheld.getOutcome()).isEqualTo(OutcomeType.WITHHELD_HOLDOUT);
    assertThat(withheld.getExperimentArm()).isEqualTo(ExperimentArm.HOLDOUT);

    fixture.basket(TestEvents.basket("t-1", "c-1", T0.plus(Duration.ofDays(1)), line("p-hose", "garden", "acme", 1, 30)));
    assertThat(outcomes()).extracting(OfferOutcome::getOutcome).containsExactly(OutcomeType.CONVERTED);
    OfferKpi kpi = fixture.kpi(withheld.getOfferId());
    assertThat(kpi.getHoldout().getDecisions()).isEqualTo(1);
    assertThat(kpi.getHoldout().getConverted()).isEqualTo(1);
    assertThat(kpi.getTreatment().getDecisions()).isZero();
    assertThat(kpi.getUpliftRate()).isEqualTo(-1.0);
  }

  @Test
  void shouldCountAnOfferIgnoredWhenItsAttributionWindowClosesInStreamTime() {
    fixture = gardenShop(ONLY_CART_TRIGGER);
    browseGardenToolsAndAbandonTheCart("c-1", T0);
    advanceStreamTimeTo(T0.plus(Duration.ofMinutes(40)));
    PersonalizedOffer sent = offersFor("c-1").get(0);
    fixture.outcomes.readRecordsToList();

    advanceStreamTimeTo(sent.getCreatedAt().plus(Duration.ofDays(7)));
    assertThat(outcomes()).isEmpty();
    advanceStreamTimeTo(sent.getCreatedAt().plus(Duration.ofDays(7)).plus(Duration.ofMinutes(2)));

    assertThat(outcomes()).singleElement().satisfies(o -> assertThat(o.getOutcome()).isEqualTo(OutcomeType.IGNORED));
    assertThat(fixture.offerState("c-1").getResponses()).extracting(ClassResponse::getFailures).containsExactly(1);
    assertThat(fixture.kpi(sent.getOfferId()).getTreatment().getIgnored()).isEqualTo(1);
  }

  @Test
  void shouldOfferANextVisitCouponAfterALoyaltyBasket() {
    fixture = gardenShop(Map.of("PERSONA_OFFERS_HOLDOUT_PERCENT", "0"));
    fixture.basket(TestEvents.basket("t-1", "c-1", T0, line("p-hose", "garden", "acme", 2, 15)));

    assertThat(offersFor("c-1")).singleElement().satisfies(offer -> {
      assertThat(offer.getTrigger()).isEqualTo(OfferTrigger.POST_PURCHASE);
      assertThat(offer.getChannel()).isEqualTo(Channel.POS);
      assertThat(offer.getReasonCodes()).contains("affinity:category=garden");
    });
  }

  @Test
  void shouldCarryTheCatalogOffersNameKindAndDiscountInTheConfiguredFormatKeepingOutcomesInAvro() {
    fixture = gardenShop(Map.of("PERSONA_OFFERS_HOLDOUT_PERCENT", "0", "PERSONA_OUTPUT_FORMAT", "json"));
    TestOutputTopic<String, byte[]> raw = fixture.driver.createOutputTopic(Topics.PERSONALIZED_OFFERS.name(),
        Serdes.String().deserializer(), new ByteArrayDeserializer());
    fixture.basket(TestEvents.basket("t-1", "c-1", T0, line("p-hose", "garden", "acme", 2, 15)));

    byte[] value = raw.readValue();
    assertThat(new String(value, StandardCharsets.UTF_8)).startsWith("{\"offerEventId\":");
    PersonalizedOffer offer = JsonRecordSerde.of(PersonalizedOffer.class).decode(value);
    OfferCatalogEntry entry = offer(offer.getOfferId(), null, "garden");
    assertThat(offer.getOfferName()).isEqualTo(entry.getName());
    assertThat(offer.getOfferKind()).isEqualTo(entry.getKind());
    assertThat(offer.getDiscountValue()).isEqualTo(entry.getDiscountValue());
    assertThat(outcomes()).as("the learning app reads offer-outcomes back: they stay Avro")
        .singleElement().satisfies(o -> assertThat(o.getOfferEventId()).isEqualTo(offer.getOfferEventId()));
  }

  @Test
  void shouldFireAnInterestSpikeOnceWhenACategoryCrossesTheThreshold() {
    fixture = gardenShop(Map.of("PERSONA_OFFERS_HOLDOUT_PERCENT", "0", "PERSONA_OFFERS_INTEREST_SPIKE_THRESHOLD", "5"));
    for (int i = 0; i < 12; i++) {
      view("c-1", "p-rake", "garden", T0.plus(Duration.ofMinutes(i)));
    }

    assertThat(offersFor("c-1")).singleElement().satisfies(offer -> {
      assertThat(offer.getTrigger()).isEqualTo(OfferTrigger.INTEREST_SPIKE);
      assertThat(offer.getChannel()).isEqualTo(Channel.PUSH);
    });
  }

  @Test
  void shouldSendAdOffersOnlyUnderAPseudonymToTheAdFeed() {
    fixture = gardenShop(Map.of("PERSONA_OFFERS_HOLDOUT_PERCENT", "0", "PERSONA_OFFERS_INTEREST_SPIKE_THRESHOLD", "5",
        "PERSONA_OFFERS_TRIGGER_INTEREST_SPIKE_CHANNEL", "ad"));
    TestOutputTopic<String, AdOffer> ads = fixture.driver.createOutputTopic(Topics.AD_OFFERS.name(),
        Serdes.String().deserializer(), Topics.AD_OFFERS.valueSerde().deserializer());
    for (int i = 0; i < 12; i++) {
      view("c-1", "p-rake", "garden", T0.plus(Duration.ofMinutes(i)));
    }

    assertThat(offersFor("c-1")).as("no ad offer carries the customer id").isEmpty();
    assertThat(ads.readRecordsToList()).singleElement().satisfies(ad -> {
      assertThat(ad.key()).isEqualTo(new Pseudonyms("test-secret").of("c-1"));
      assertThat(ad.value().toString()).doesNotContain("c-1");
      assertThat(ad.value().getTrigger()).isEqualTo(OfferTrigger.INTEREST_SPIKE);
      assertThat(ad.value().getOfferName()).startsWith("offer o-");
    });
  }

  @Test
  void shouldSendAWeeklyDigestToACustomerActiveThatWeekOnly() {
    Map<String, String> env = new HashMap<>(ONLY_CART_TRIGGER);
    env.put("PERSONA_OFFERS_TRIGGER_DIGEST_CHANNEL", "email");
    fixture = gardenShop(env);
    view("c-1", "p-rake", "garden", T0);
    view("c-1", "p-rake", "garden", T0.plus(Duration.ofDays(3)));
    advanceStreamTimeTo(T0.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(2)));
    assertThat(offersFor("c-1")).singleElement()
        .satisfies(offer -> assertThat(offer.getTrigger()).isEqualTo(OfferTrigger.DIGEST));

    advanceStreamTimeTo(T0.plus(Duration.ofDays(14)).plus(Duration.ofMinutes(2)));
    assertThat(offersFor("c-1")).as("inactive in the second week: no digest").isEmpty();
  }

  @Test
  void shouldOfferWhatOtherCustomersBoughtWithTheProductsInTheCart() {
    fixture = shop(ONLY_CART_TRIGGER);
    fixture.offer(offer("o-nozzle", "p-nozzle", "watering"));
    for (int i = 0; i < 3; i++) {
      fixture.basket(TestEvents.basket("t-" + i, "c-other-" + i, T0.minus(Duration.ofDays(1)),
          line("p-hose", "garden", "acme", 1, 30), line("p-nozzle", "watering", "acme", 1, 5)));
    }
    abandonCart("c-1", "p-hose", T0);
    advanceStreamTimeTo(T0.plus(Duration.ofMinutes(40)));

    assertThat(offersFor("c-1")).singleElement().satisfies(offer -> {
      assertThat(offer.getOfferId()).isEqualTo("o-nozzle");
      assertThat(offer.getReasonCodes()).contains("similar-to:product=p-hose");
    });
  }

  @Test
  void shouldStopOfferingARetiredOfferWithoutARestart() {
    fixture = shop(ONLY_CART_TRIGGER);
    fixture.offer(offer("o-hose", "p-hose", "garden"));
    fixture.retire("o-hose");
    abandonCart("c-1", "p-hose", T0);
    advanceStreamTimeTo(T0.plus(Duration.ofMinutes(40)));
    assertThat(offersFor("c-1")).isEmpty();

    fixture.offer(offer("o-hose-2", "p-hose", "garden"));
    abandonCart("c-2", "p-hose", T0.plus(Duration.ofMinutes(41)));
    advanceStreamTimeTo(T0.plus(Duration.ofMinutes(80)));
    assertThat(offersFor("c-2")).extracting(PersonalizedOffer::getOfferId).containsExactly("o-hose-2");
  }

  @Test
  void shouldNeverSendMoreThanTheTasksShareOfAnOffersBudget() {
    fixture = shop(ONLY_CART_TRIGGER); // 3 partitions: the test driver's one task holds a third of each budget
    OfferCatalogEntry limited = offer("o-hose", "p-hose", "garden");
    limited.setMaxSends(6L);
    fixture.offer(limited);
    for (int c = 0; c < 5; c++) {
      abandonCart("c-" + c, "p-hose", T0.plusSeconds(c));
    }
    advanceStreamTimeTo(T0.plus(Duration.ofMinutes(40)));

    assertThat(fixture.offers.readRecordsToList()).hasSize(2);
    assertThat(fixture.kpi("o-hose").getTreatment().getDecisions()).isEqualTo(2);
  }

  @Test
  void shouldGiveTheSameOfferEventIdsAndContentsWhenTheSameInputIsReplayed() {
    List<PersonalizedOffer> first = replayOneWeek();
    fixture.close();
    List<PersonalizedOffer> second = replayOneWeek();

    assertThat(first).isNotEmpty().isEqualTo(second);
    assertThat(first).extracting(PersonalizedOffer::getOfferEventId).doesNotHaveDuplicates();
  }

  private List<PersonalizedOffer> replayOneWeek() {
    fixture = gardenShop(Map.of());
    for (int c = 0; c < 20; c++) {
      browseGardenToolsAndAbandonTheCart("c-" + c, T0.plus(Duration.ofHours(c)));
      fixture.basket(TestEvents.basket("t-" + c, "c-" + c, T0.plus(Duration.ofHours(c + 2)),
          line("p-rake", "garden", "acme", 1, 12)));
    }
    advanceStreamTimeTo(T0.plus(Duration.ofDays(8)));
    return fixture.offers.readRecordsToList().stream().map(TestRecord::value).toList();
  }

  private TopologyFixture gardenShop(Map<String, String> env) {
    TopologyFixture shop = shop(env);
    shop.offer(offer("o-hose", "p-hose", "garden"));
    shop.offer(offer("o-garden", null, "garden"));
    shop.offer(offer("o-kitchen", null, "kitchen"));
    return shop;
  }

  private static TopologyFixture shop(Map<String, String> env) {
    Map<String, String> consented = new HashMap<>(CONSENTED);
    consented.putAll(env);
    return new TopologyFixture(consented);
  }

  private void browseGardenToolsAndAbandonTheCart(String customerId, Instant from) {
    view(customerId, "p-hose", "garden", from);
    view(customerId, "p-rake", "garden", from.plus(Duration.ofMinutes(1)));
    abandonCart(customerId, "p-hose", from.plus(Duration.ofMinutes(2)));
  }

  private void view(String customerId, String productId, String category, Instant at) {
    fixture.click(click("e-" + clicks++, "a-" + customerId, customerId, at, ClickEventType.PRODUCT_VIEW, category,
        "acme", productId));
  }

  private void abandonCart(String customerId, String productId, Instant at) {
    fixture.click(click("e-" + clicks++, "a-" + customerId, customerId, at, ClickEventType.ADD_TO_CART, "garden",
        "acme", productId));
  }

  /** Another shopper's page view: stream time moves, and with it every timer. */
  private void advanceStreamTimeTo(Instant at) {
    fixture.click(click("e-" + clicks++, "a-passer-by", null, at, ClickEventType.PAGE_VIEW, null, null, null));
  }

  private List<PersonalizedOffer> offersFor(String customerId) {
    return fixture.offers.readRecordsToList().stream().filter(r -> r.key().equals(customerId))
        .map(TestRecord::value).toList();
  }

  private List<OfferOutcome> outcomes() {
    return fixture.outcomes.readRecordsToList().stream().map(TestRecord::value).toList();
  }
}
