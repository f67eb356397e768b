package io.persona.decide;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.click;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.AffinityScore;
import io.persona.avro.Channel;
import io.persona.avro.ClassResponse;
import io.persona.avro.ClickEventType;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.CustomerProfile;
import io.persona.avro.ExperimentArm;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OfferSend;
import io.persona.avro.OutcomeType;
import io.persona.config.ConfigLoader;
import io.persona.profile.Decay;
import io.persona.testkit.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfferMemoryTest {
  private static final OfferSettings SETTINGS = ConfigLoader.load(Map.of(), null).offers();
  private static final OfferMemory MEMORY = new OfferMemory(SETTINGS, new Decay(Duration.ofDays(30)));

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "never sent,                          ,  ,  EMAIL, true",
      "sent 2 days ago: cooldown,           2,   ,  EMAIL, false",
      "sent 4 days ago: cooldown over,      4,   ,  EMAIL, true",
      "redeemed 10 days ago,                ,  10,  EMAIL, false",
      "redeemed 31 days ago,                ,  31,  EMAIL, true",
      "channel not allowed,                 ,  ,  SMS,   false"})
  void shouldApplyTheCustomerLevelGuards(String why, Integer sentDaysAgo, Integer redeemedDaysAgo, Channel channel,
      boolean eligible) {
    Instant now = T0.plus(Duration.ofDays(60));
    CustomerOfferState state = OfferMemory.empty("c-1", now);
    if (sentDaysAgo != null) {
      MEMORY.recordSend(state, send("o-1", Channel.EMAIL, now.minus(Duration.ofDays(sentDaysAgo))));
    }
    if (redeemedDaysAgo != null) {
      MEMORY.recordRedemption(state, "o-1", now.minus(Duration.ofDays(redeemedDaysAgo)));
    }

    assertThat(MEMORY.eligible(state, TestEvents.offer("o-1", null, "garden"), channel, now)).isEqualTo(eligible);
  }

  @Test
  void shouldRefuseAnOfferOutsideItsValidityOrRetiredOrOverItsPerCustomerLimit() {
    CustomerOfferState state = OfferMemory.empty("c-1", T0);
    OfferCatalogEntry expired = TestEvents.offer("o-1", null, "garden");
    expired.setValidTo(T0.minusSeconds(1));
    OfferCatalogEntry inactive = TestEvents.offer("o-2", null, "garden");
    inactive.setActive(false);
    OfferCatalogEntry once = TestEvents.offer("o-3", null, "garden");
    once.setMaxSendsPerCustomer(1);
    MEMORY.recordSend(state, send("o-3", Channel.EMAIL, T0.minus(Duration.ofDays(5))));

    assertThat(MEMORY.eligible(state, expired, Channel.EMAIL, T0)).isFalse();
    assertThat(MEMORY.eligible(state, inactive, Channel.EMAIL, T0)).isFalse();
    assertThat(MEMORY.eligible(state, once, Channel.EMAIL, T0)).isFalse();
  }

  @Test
  void shouldCapEachChannelOnItsOwn() {
    CustomerOfferState state = OfferMemory.empty("c-1", T0);
    MEMORY.recordSend(state, send("o-1", Channel.EMAIL, T0));

    assertThat(MEMORY.capsAllow(state, Channel.EMAIL, T0.plus(Duration.ofHours(2)))).isFalse();
    assertThat(MEMORY.capsAllow(state, Channel.AD, T0.plus(Duration.ofHours(2)))).isTrue();
    assertThat(MEMORY.capsAllow(state, Channel.EMAIL, T0.plus(Duration.ofHours(24)))).isTrue();
  }

  @Test
  void shouldFireASpikeOncePerCrossingAndReArmBelowHalfTheThreshold() {
    CustomerOfferState state = OfferMemory.empty("c-1", T0);
    double threshold = SETTINGS.spikeThreshold();

    assertThat(MEMORY.spikedCategory(state, garden(threshold - 1), T0)).isNull();
    assertThat(MEMORY.spikedCategory(state, garden(threshold + 1), T0)).isEqualTo("garden");
    assertThat(MEMORY.spikedCategory(state, garden(threshold + 5), T0)).isNull();
    assertThat(MEMORY.spikedCategory(state, garden(threshold * 0.6), T0)).as("still above half").isNull();
    assertThat(MEMORY.spikedCategory(state, garden(threshold + 1), T0)).isNull();
    assertThat(MEMORY.spikedCategory(state, garden(threshold * 0.4), T0)).isNull();
    assertThat(MEMORY.spikedCategory(state, garden(threshold + 1), T0)).as("crossed again").isEqualTo("garden");
  }

  @Test
  void shouldFollowTheCartUntilCheckout() {
    CustomerOfferState state = OfferMemory.empty("c-1", T0);

    assertThat(OfferMemory.followCart(state, cart(ClickEventType.ADD_TO_CART, "p-1", T0))).isTrue();
    assertThat(OfferMemory.followCart(state, cart(ClickEventType.ADD_TO_CART, "p-1", T0.plusSeconds(5)))).isFalse();
    assertThat(OfferMemory.followCart(state, cart(ClickEventType.ADD_TO_CART, "p-2", T0.plusSeconds(9)))).isTrue();
    assertThat(state.getCartProductIds()).containsExactly("p-1", "p-2");
    assertThat(MEMORY.cartAbandoned(state, T0.plus(SETTINGS.cartAbandonedAfter()))).isFalse();
    assertThat(MEMORY.cartAbandoned(state, T0.plusSeconds(9).plus(SETTINGS.cartAbandonedAfter()))).isTrue();

    OfferMemory.followCart(state, cart(ClickEventType.CHECKOUT, null, T0.plusSeconds(20)));

    assertThat(state.getCartProductIds()).isEmpty();
    assertThat(MEMORY.cartAbandoned(state, T0.plus(Duration.ofDays(1)))).isFalse();
  }

  private static io.persona.avro.ClickEvent cart(ClickEventType type, String productId, Instant at) {
    return click("e-" + at.toEpochMilli(), "a-1", "c-1", at, type, "garden", "acme", productId);
  }

  private static CustomerProfile garden(double affinity) {
    return CustomerProfile.newBuilder().setCustomerId("c-1").setFirstSeen(T0).setLastSeen(T0)
        .setCategoryAffinities(List.of(new AffinityScore("garden", affinity, T0))).build();
  }

  private static OfferSend send(String offerId, Channel channel, Instant at) {
    return new OfferSend("ev-" + offerId, offerId, "PERCENT_OFF:garden", channel, ExperimentArm.TREATMENT, at, null,
        "garden", null, true, true, null);
  }
}
