package io.persona.decide;

import static io.persona.testkit.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.Channel;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.ExperimentArm;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferSend;
import io.persona.config.ConfigLoader;
import io.persona.testkit.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomerGuardsTest {
  private static final OfferSettings SETTINGS = ConfigLoader.load(Map.of(), null).offers();
  private static final CustomerGuards GUARDS = new CustomerGuards(SETTINGS);
  private static final OfferHistory HISTORY = new OfferHistory(SETTINGS);

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
    CustomerOfferState state = OfferStates.empty("c-1", now);
    if (sentDaysAgo != null) {
      HISTORY.recordSend(state, send("o-1", Channel.EMAIL, now.minus(Duration.ofDays(sentDaysAgo))));
    }
    if (redeemedDaysAgo != null) {
      HISTORY.recordRedemption(state, "o-1", now.minus(Duration.ofDays(redeemedDaysAgo)));
    }

    assertThat(GUARDS.eligible(state, TestEvents.offer("o-1", null, "garden"), channel, now)).isEqualTo(eligible);
  }

  @Test
  void shouldRefuseAnOfferOutsideItsValidityOrRetiredOrOverItsPerCustomerLimit() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);
    OfferCatalogEntry expired = TestEvents.offer("o-1", null, "garden");
    expired.setValidTo(T0.minusSeconds(1));
    OfferCatalogEntry inactive = TestEvents.offer("o-2", null, "garden");
    inactive.setActive(false);
    OfferCatalogEntry once = TestEvents.offer("o-3", null, "garden");
    once.setMaxSendsPerCustomer(1);
    HISTORY.recordSend(state, send("o-3", Channel.EMAIL, T0.minus(Duration.ofDays(5))));

    assertThat(GUARDS.eligible(state, expired, Channel.EMAIL, T0)).isFalse();
    assertThat(GUARDS.eligible(state, inactive, Channel.EMAIL, T0)).isFalse();
    assertThat(GUARDS.eligible(state, once, Channel.EMAIL, T0)).isFalse();
  }

  @Test
  void shouldCapEachChannelOnItsOwn() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);
    HISTORY.recordSend(state, send("o-1", Channel.EMAIL, T0));

    assertThat(GUARDS.capsAllow(state, Channel.EMAIL, T0.plus(Duration.ofHours(2)))).isFalse();
    assertThat(GUARDS.capsAllow(state, Channel.AD, T0.plus(Duration.ofHours(2)))).isTrue();
    assertThat(GUARDS.capsAllow(state, Channel.EMAIL, T0.plus(Duration.ofHours(24)))).isTrue();
  }

  private static OfferSend send(String offerId, Channel channel, Instant at) {
    return new OfferSend("ev-" + offerId, offerId, "PERCENT_OFF:garden", channel, ExperimentArm.TREATMENT, at, null,
        "garden", null, true, true, null);
  }
}
