package io.persona.topology;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.click;
import static io.persona.testkit.TestEvents.line;
import static io.persona.testkit.TestEvents.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.persona.avro.Channel;
import io.persona.avro.ClickEventType;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OutcomeType;
import io.persona.avro.PersonalizedOffer;
import io.persona.testkit.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Consent is enforced at the moment of decision: default deny, and a withdrawal stops what is pending. */
class ConsentTopologyTest {
  private static final Map<String, String> CART_AND_POS_ONLY = Map.of(
      "PERSONA_OFFERS_HOLDOUT_PERCENT", "0",
      "PERSONA_OFFERS_TRIGGER_INTEREST_SPIKE_CHANNEL", "off",
      "PERSONA_OFFERS_TRIGGER_DIGEST_CHANNEL", "off");
  private static final int CASES = 120;

  private int events;

  @Test
  void shouldDecideNothingForACustomerWhoNeverConsentedNotEvenAHoldoutRecord() {
    try (TopologyFixture shop = shop(CART_AND_POS_ONLY)) {
      abandonCart(shop, "c-1", T0);
      shop.basket(TestEvents.basket("t-1", "c-1", T0.plusSeconds(60), line("p-hose", "garden", "acme", 1, 30)));
      advance(shop, T0.plus(Duration.ofHours(2)));

      assertThat(shop.offers.readRecordsToList()).isEmpty();
      assertThat(shop.outcomes.readRecordsToList()).isEmpty();
    }
  }

  @Test
  void shouldStopACartTriggerAlreadyPendingWhenConsentIsWithdrawn() {
    try (TopologyFixture shop = shop(CART_AND_POS_ONLY)) {
      shop.consent("c-1", Channel.EMAIL, true, T0.minusSeconds(60));
      shop.consent("c-2", Channel.EMAIL, true, T0.minusSeconds(60));
      abandonCart(shop, "c-1", T0);
      abandonCart(shop, "c-2", T0);
      shop.consent("c-1", Channel.EMAIL, false, T0.plus(Duration.ofMinutes(10)));
      advance(shop, T0.plus(Duration.ofHours(1)));

      assertThat(shop.offers.readRecordsToList()).extracting(TestRecord::key).containsExactly("c-2");
    }
  }

  @Test
  void shouldHonourTheDocumentedOptOutDefaultOnlyForTheChannelItIsSetFor() {
    try (TopologyFixture shop = shop(Map.of("PERSONA_CONSENT_DEFAULT_POS", "grant",
        "PERSONA_OFFERS_HOLDOUT_PERCENT", "0"))) {
      shop.basket(TestEvents.basket("t-1", "c-1", T0, line("p-hose", "garden", "acme", 1, 30)));
      abandonCart(shop, "c-1", T0.plusSeconds(60));
      advance(shop, T0.plus(Duration.ofHours(1)));

      assertThat(shop.offers.readRecordsToList()).extracting(r -> r.value().getChannel())
          .containsExactly(Channel.POS);
    }
  }

  /**
   * Random interleavings of consent grants and withdrawals (some arriving late), carts, baskets and the passing of
   * stream time: every offer, and every holdout record, is checked against the consent in force at its stream time
   * by what had arrived until then.
   */
  @Test
  void shouldNeverDecideAgainstTheConsentInForceAtTheDecisionsStreamTime() {
    AtomicInteger decisions = new AtomicInteger();
    AtomicInteger refusedByConsent = new AtomicInteger();
    qt().withExamples(CASES).forAll(longs().all()).checkAssert(seed -> {
      int[] counts = interleave(seed);
      decisions.addAndGet(counts[0]);
      refusedByConsent.addAndGet(counts[1]);
    });
    System.out.printf("consent interleavings: %d cases, %d decisions checked, %d triggers without consent%n", CASES,
        decisions.get(), refusedByConsent.get());
    assertThat(decisions.get()).as("non-vacuous: decisions were made").isGreaterThan(CASES);
    assertThat(refusedByConsent.get()).as("non-vacuous: consent mattered").isGreaterThan(CASES / 4);
  }

  /** @return decisions checked, and triggers that met no consent */
  private int[] interleave(long seed) {
    Random random = new Random(seed);
    List<Change> known = new ArrayList<>();
    int checked = 0;
    int denied = 0;
    try (TopologyFixture shop = shop(Map.of(
        "PERSONA_OFFERS_TRIGGER_INTEREST_SPIKE_CHANNEL", "off", "PERSONA_OFFERS_TRIGGER_DIGEST_CHANNEL", "off",
        "PERSONA_OFFERS_CAP_EMAIL", "", "PERSONA_OFFERS_CAP_POS", "", "PERSONA_OFFERS_COOLDOWN_MS", "0"))) {
      Instant now = T0;
      for (int step = 0; step < 40; step++) {
        now = now.plus(Duration.ofMinutes(random.nextInt(45)));
        switch (random.nextInt(5)) {
          case 0, 1 -> {
            Channel channel = random.nextBoolean() ? Channel.EMAIL : Channel.POS;
            boolean granted = random.nextBoolean();
            Instant at = random.nextInt(4) == 0 ? now.minus(Duration.ofMinutes(random.nextInt(90))) : now;
            known.add(new Change(channel, granted, at));
            shop.consent("c-1", channel, granted, at);
          }
          case 2 -> abandonCart(shop, "c-1", now);
          case 3 -> {
            boolean allowed = inForce(known, Channel.POS, now);
            denied += allowed ? 0 : 1;
            shop.basket(TestEvents.basket("t-" + events++, "c-1", now, line("p-hose", "garden", "acme", 1, 30)));
          }
          default -> advance(shop, now);
        }
        for (PersonalizedOffer sent : shop.offers.readRecordsToList().stream().map(TestRecord::value).toList()) {
          assertThat(inForce(known, sent.getChannel(), sent.getCreatedAt()))
              .as("seed %d: %s offer at %s", seed, sent.getChannel(), sent.getCreatedAt()).isTrue();
          checked++;
        }
        for (OfferOutcome withheld : shop.outcomes.readRecordsToList().stream().map(TestRecord::value)
            .filter(o -> o.getOutcome() == OutcomeType.WITHHELD_HOLDOUT).toList()) {
          assertThat(inForce(known, withheld.getChannel(), withheld.getOccurredAt())).isTrue();
          checked++;
        }
      }
    }
    return new int[] {checked, denied};
  }

  private record Change(Channel channel, boolean granted, Instant at) {}

  /** The oracle: the latest change at or before {@code at} (a withdrawal wins a tie); deny when there is none. */
  private static boolean inForce(List<Change> known, Channel channel, Instant at) {
    Change latest = null;
    for (Change change : known) {
      if (change.channel() == channel && !change.at().isAfter(at) && (latest == null
          || change.at().isAfter(latest.at()) || (change.at().equals(latest.at()) && !change.granted()))) {
        latest = change;
      }
    }
    return latest != null && latest.granted();
  }

  private TopologyFixture shop(Map<String, String> env) {
    TopologyFixture shop = new TopologyFixture(env);
    shop.offer(offer("o-hose", "p-hose", "garden"));
    shop.offer(offer("o-garden", null, "garden"));
    return shop;
  }

  private void abandonCart(TopologyFixture shop, String customerId, Instant at) {
    shop.click(click("e-" + events++, "a-" + customerId, customerId, at, ClickEventType.ADD_TO_CART, "garden",
        "acme", "p-hose"));
  }

  private void advance(TopologyFixture shop, Instant at) {
    shop.click(click("e-" + events++, "a-passer-by", null, at, ClickEventType.PAGE_VIEW, null, null, null));
  }
}
