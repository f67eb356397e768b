package io.persona.decide;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.click;
import static io.persona.testkit.TestEvents.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.AffinityScore;
import io.persona.avro.Channel;
import io.persona.avro.ClickEventType;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.CustomerProfile;
import io.persona.avro.ExperimentArm;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OfferSend;
import io.persona.avro.OfferTrigger;
import io.persona.avro.PersonalizedOffer;
import io.persona.config.ConfigLoader;
import io.persona.decide.Decider.Decision;
import io.persona.profile.Decay;
import io.persona.profile.ProfileChange;
import io.persona.profile.ProfileUpdate;
import io.persona.testkit.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The triggers with their processor's side faked: what is decided, scheduled and output, and in which order. */
class OfferTriggersTest {
  private static final OfferSettings SETTINGS = ConfigLoader.load(Map.of(), null).offers();
  private static final Duration ABANDONED_AFTER = SETTINGS.cartAbandonedAfter();
  private static final OfferTimers TIMERS = new OfferTimers(SETTINGS);

  private final List<String> log = new ArrayList<>();
  private final List<Timer> scheduled = new ArrayList<>();
  private final List<Timer> cancelled = new ArrayList<>();
  private final OfferTriggers triggers = new OfferTriggers(SETTINGS, new Decay(Duration.ofDays(30)),
      new TimerSchedule() {
        @Override
        public void schedule(Timer timer) {
          scheduled.add(timer);
        }

        @Override
        public void cancel(Timer timer) {
          cancelled.add(timer);
        }
      },
      this::decide,
      new OfferTriggers.Outputs() {
        @Override
        public void decided(Decision decision, OfferTrigger trigger, Instant at) {
          log.add("decided " + decision.offer().getOfferEventId());
        }

        @Override
        public void answered(OfferOutcome outcome) {
          log.add(outcome.getOutcome() + " " + outcome.getOfferEventId());
        }
      });

  @Test
  void shouldCreditABasketThenDecideAfterItOnAnEmptiedCart() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);
    state.setSends(List.of(send("ev-garden", T0)));
    state.setCartProductIds(List.of("p-1"));
    state.setCartUpdatedAt(T0);
    Instant at = T0.plus(Duration.ofHours(2));

    boolean changed = triggers.onUpdate(state, update(new ProfileChange.Basket(
        TestEvents.basket("t-1", "c-1", at, line("p-rake", "garden", "acme", 1, 20))), profile()), at);

    assertThat(changed).isTrue();
    assertThat(log).containsExactly("CONVERTED ev-garden", "decide POST_PURCHASE with cart []",
        "decided ev-POST_PURCHASE");
    assertThat(cancelled).as("the emptied cart's timer")
        .containsExactly(new Timer(T0.plus(ABANDONED_AFTER), TimerKind.CART, "c-1"));
  }

  @Test
  void shouldRememberEachDecisionWithTheTimerThatLapsesIt() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);
    double spike = SETTINGS.spikeThreshold() + 1;

    triggers.onUpdate(state, update(new ProfileChange.Click(click("e-1", "a-1", "c-1", T0)), profile(spike)), T0);

    assertThat(log).containsExactly("decide INTEREST_SPIKE with cart []", "decided ev-INTEREST_SPIKE");
    assertThat(state.getSends()).extracting(OfferSend::getOfferEventId).containsExactly("ev-INTEREST_SPIKE");
    assertThat(scheduled).contains(TIMERS.lapse("c-1", state.getSends().get(0)));
  }

  @Test
  void shouldRestartTheAbandonmentClockOnEachCartChange() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);

    triggers.onUpdate(state, addToCart("p-1", T0), T0);
    triggers.onUpdate(state, addToCart("p-2", T0.plusSeconds(9)), T0.plusSeconds(9));

    Timer first = new Timer(T0.plus(ABANDONED_AFTER), TimerKind.CART, "c-1");
    Timer second = new Timer(T0.plusSeconds(9).plus(ABANDONED_AFTER), TimerKind.CART, "c-1");
    assertThat(scheduled).filteredOn(t -> t.kind() == TimerKind.CART).containsExactly(first, second);
    assertThat(cancelled).containsExactly(first);
  }

  @Test
  void shouldStartDigestsWithTheFirstActivityAndWriteNothingForAClickThatChangesNothing() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);
    ProfileUpdate view = update(new ProfileChange.Click(click("e-1", "a-1", "c-1", T0)), profile());

    assertThat(triggers.onUpdate(state, view, T0)).isTrue();
    assertThat(scheduled).containsExactly(new Timer(T0.plus(SETTINGS.digestInterval()), TimerKind.DIGEST, "c-1"));
    assertThat(triggers.onUpdate(state, view, T0.plusSeconds(60))).isFalse();
  }

  @Test
  void shouldDecideOnAnAbandonedCartWhileItHoldsItsProductsAndThenEmptyIt() {
    CustomerOfferState state = cartOf(T0);

    triggers.onTimer(state, new Timer(T0.plus(ABANDONED_AFTER), TimerKind.CART, "c-1"), OfferTriggersTest::profile);

    assertThat(log).containsExactly("decide CART_ABANDONMENT with cart [p-1]", "decided ev-CART_ABANDONMENT");
    assertThat(state.getCartProductIds()).isEmpty();
  }

  @Test
  void shouldReadNoProfileForACartTimerTheCartHasOutlived() {
    CustomerOfferState state = cartOf(T0.plusSeconds(9));

    triggers.onTimer(state, new Timer(T0.plus(ABANDONED_AFTER), TimerKind.CART, "c-1"), () -> {
      throw new AssertionError("the profile was read");
    });

    assertThat(log).isEmpty();
    assertThat(state.getCartProductIds()).containsExactly("p-1");
  }

  @Test
  void shouldLapseADecisionWhoseWindowClosedAsIgnored() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);
    state.setSends(List.of(send("ev-garden", T0)));

    triggers.onTimer(state, TIMERS.lapse("c-1", send("ev-garden", T0)), OfferTriggersTest::profile);

    assertThat(log).containsExactly("IGNORED ev-garden");
    assertThat(state.getSends()).extracting(OfferSend::getOpen).containsExactly(false);
  }

  /** Decides every trigger, noting what the state's cart holds at that moment. */
  private Decision decide(CustomerOfferState state, CustomerProfile profile, OfferTrigger trigger, String triggerKey,
      Instant at) {
    log.add("decide " + trigger + " with cart " + state.getCartProductIds());
    String offerEventId = "ev-" + trigger;
    PersonalizedOffer offer = PersonalizedOffer.newBuilder().setOfferEventId(offerEventId).setCustomerId("c-1")
        .setOfferId("o-1").setChannel(Channel.EMAIL).setTrigger(trigger).setScore(1).setCreatedAt(at)
        .setExpiresAt(at.plus(Duration.ofDays(7))).build();
    OfferSend send = new OfferSend(offerEventId, "o-1", "PERCENT_OFF:garden", Channel.EMAIL, ExperimentArm.TREATMENT,
        at, null, "garden", null, true, true, null);
    return new Decision(offer, send);
  }

  private static CustomerOfferState cartOf(Instant changedAt) {
    CustomerOfferState state = OfferStates.empty("c-1", T0);
    state.setCartProductIds(List.of("p-1"));
    state.setCartUpdatedAt(changedAt);
    return state;
  }

  private static ProfileUpdate addToCart(String productId, Instant at) {
    return update(new ProfileChange.Click(
        click("e-" + productId, "a-1", "c-1", at, ClickEventType.ADD_TO_CART, "garden", "acme", productId)), profile());
  }

  private static ProfileUpdate update(ProfileChange change, CustomerProfile profile) {
    return new ProfileUpdate(change, profile);
  }

  private static CustomerProfile profile() {
    return profile(0);
  }

  private static CustomerProfile profile(double gardenAffinity) {
    return CustomerProfile.newBuilder().setCustomerId("c-1").setFirstSeen(T0).setLastSeen(T0)
        .setCategoryAffinities(List.of(new AffinityScore("garden", gardenAffinity, T0))).build();
  }

  private static OfferSend send(String offerEventId, Instant at) {
    return new OfferSend(offerEventId, "o-1", "PERCENT_OFF:garden", Channel.EMAIL, ExperimentArm.TREATMENT, at, null,
        "garden", null, true, true, null);
  }
}
