package io.persona.decide;

import static io.persona.testkit.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.Channel;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.ExperimentArm;
import io.persona.avro.OfferSend;
import io.persona.config.ConfigLoader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfferTimersTest {
  private static final OfferSettings SETTINGS = ConfigLoader.load(Map.of(), null).offers();
  private static final OfferTimers TIMERS = new OfferTimers(SETTINGS);

  @Test
  void shouldScheduleTheLapseTimerJustAfterTheAttributionWindowCloses() {
    Timer lapse = TIMERS.lapse("c-1", send("ev-1", T0));

    Instant windowCloses = T0.plus(SETTINGS.attributionWindow());
    assertThat(lapse).isEqualTo(new Timer(windowCloses.plusMillis(1), TimerKind.LAPSE, "c-1"));
  }

  @Test
  void shouldSetACartTimerOnlyWhileTheCartHoldsSomething() {
    CustomerOfferState state = cart(T0, "p-1");
    CustomerOfferState empty = OfferStates.empty("c-1", T0);

    assertThat(TIMERS.cartTimer(state, T0))
        .contains(new Timer(T0.plus(SETTINGS.cartAbandonedAfter()), TimerKind.CART, "c-1"));
    assertThat(TIMERS.cartTimer(empty, T0)).isEmpty();
  }

  @Test
  void shouldSetNoCartTimerWhenCartAbandonmentIsOff() {
    OfferSettings off = ConfigLoader.load(Map.of("PERSONA_OFFERS_TRIGGER_CART_ABANDONMENT_CHANNEL", "off"), null)
        .offers();

    assertThat(new OfferTimers(off).cartTimer(cart(T0, "p-1"), T0)).isEmpty();
  }

  @Test
  void shouldReplaceTheTimerOfTheCartAsItWasWhenTheCartChanges() {
    CustomerOfferState state = cart(T0.plusSeconds(9), "p-1", "p-2");

    assertThat(TIMERS.replacedCartTimer(state, T0))
        .contains(new Timer(T0.plus(SETTINGS.cartAbandonedAfter()), TimerKind.CART, "c-1"));
    assertThat(TIMERS.replacedCartTimer(state, T0.plusSeconds(9))).as("unchanged").isEmpty();
    assertThat(TIMERS.replacedCartTimer(state, null)).as("no cart before").isEmpty();
  }

  @Test
  void shouldFindTheCartAbandonedOnlyByTheTimerOfItsLatestChange() {
    CustomerOfferState state = cart(T0.plusSeconds(9), "p-1", "p-2");

    assertThat(TIMERS.cartAbandoned(state, T0.plus(SETTINGS.cartAbandonedAfter()))).isFalse();
    assertThat(TIMERS.cartAbandoned(state, T0.plusSeconds(9).plus(SETTINGS.cartAbandonedAfter()))).isTrue();
  }

  @Test
  void shouldFindNoCartAbandonedOnceItIsEmpty() {
    CustomerOfferState state = cart(T0, "p-1");
    Carts.clear(state);

    assertThat(TIMERS.cartAbandoned(state, T0.plus(SETTINGS.cartAbandonedAfter()))).isFalse();
  }

  @Test
  void shouldStartDigestsOnceAnIntervalAfterTheFirstActivity() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);

    assertThat(TIMERS.startDigests(state, T0))
        .contains(new Timer(T0.plus(SETTINGS.digestInterval()), TimerKind.DIGEST, "c-1"));
    assertThat(state.getNextDigestAt()).isEqualTo(T0.plus(SETTINGS.digestInterval()));
    assertThat(TIMERS.startDigests(state, T0.plusSeconds(5))).as("already started").isEmpty();
  }

  @Test
  void shouldSendADigestToACustomerActiveWithinTheIntervalAndScheduleTheNext() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);
    Instant due = TIMERS.startDigests(state, T0).orElseThrow().due();
    state.setLastActiveAt(due.minusSeconds(1));

    assertThat(TIMERS.digestDue(state, due.minusMillis(1))).as("not the state's digest").isFalse();
    assertThat(TIMERS.digestDue(state, due)).isTrue();
    assertThat(TIMERS.nextDigest(state, due))
        .isEqualTo(new Timer(due.plus(SETTINGS.digestInterval()), TimerKind.DIGEST, "c-1"));
  }

  @Test
  void shouldStopTheDigestsOfAnInactiveCustomerUntilTheirNextActivity() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);
    Instant due = TIMERS.startDigests(state, T0).orElseThrow().due();
    Instant idle = TIMERS.nextDigest(state, due).due();

    assertThat(TIMERS.digestDue(state, idle)).isFalse();
    assertThat(state.getNextDigestAt()).isNull();
    assertThat(TIMERS.startDigests(state, idle.plusSeconds(1))).isPresent();
  }

  @Test
  void shouldListEveryTimerTheStateMayHavePending() {
    CustomerOfferState state = cart(T0, "p-1");
    Timer digest = TIMERS.startDigests(state, T0).orElseThrow();
    state.setSends(List.of(send("ev-1", T0), send("ev-2", T0.plusSeconds(60))));

    assertThat(TIMERS.pending(state)).containsExactly(TIMERS.cartTimer(state, T0).orElseThrow(), digest,
        TIMERS.lapse("c-1", send("ev-1", T0)), TIMERS.lapse("c-1", send("ev-2", T0.plusSeconds(60))));
  }

  private static CustomerOfferState cart(Instant changedAt, String... productIds) {
    CustomerOfferState state = OfferStates.empty("c-1", T0);
    state.setCartProductIds(List.of(productIds));
    state.setCartUpdatedAt(changedAt);
    return state;
  }

  private static OfferSend send(String offerEventId, Instant at) {
    return new OfferSend(offerEventId, "o-1", "PERCENT_OFF:garden", Channel.EMAIL, ExperimentArm.TREATMENT, at, null,
        "garden", null, true, true, null);
  }
}
