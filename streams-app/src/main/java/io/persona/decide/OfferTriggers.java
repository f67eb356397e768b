package io.persona.decide;

import io.persona.avro.CustomerOfferState;
import io.persona.avro.CustomerProfile;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OfferTrigger;
import io.persona.decide.Decider.Decision;
import io.persona.learn.Attribution;
import io.persona.profile.Decay;
import io.persona.profile.ProfileChange;
import io.persona.profile.ProfileUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * When a customer's offer state asks for a decision, and what else each event does to the state and its timers: a
 * basket answers earlier decisions, empties the cart and asks for a post-purchase offer; a cart change restarts the
 * abandonment clock; a spike of interest, an abandoned cart and a due digest each ask for an offer; a closed
 * attribution window lapses its decision. Every decision made is remembered, with the timer that lapses it.
 *
 * <p>Kafka-free: the decision itself (consent, the {@link Decider}), the timer store and the outputs are handed in,
 * and each is called in the order the events need, since a decision reads what the ones before it changed.
 */
final class OfferTriggers {
  /** The decision for a trigger, or null when none may be made (trigger off, no consent, caps) or none fits. */
  @FunctionalInterface
  interface Decisions {
    Decision decide(CustomerOfferState state, CustomerProfile profile, OfferTrigger trigger, String triggerKey,
        Instant at);
  }

  /** Where decisions and answers go. */
  interface Outputs {
    void decided(Decision decision, OfferTrigger trigger, Instant at);

    void answered(OfferOutcome outcome);
  }

  private final OfferTimers offerTimers;
  private final InterestSpikes spikes;
  private final OfferHistory history;
  private final OfferAnswers answers;
  private final TimerSchedule timers;
  private final Decisions decisions;
  private final Outputs outputs;

  OfferTriggers(OfferSettings settings, Decay decay, TimerSchedule timers, Decisions decisions, Outputs outputs) {
    this.offerTimers = new OfferTimers(settings);
    this.spikes = new InterestSpikes(settings.spikeThreshold(), decay);
    this.history = new OfferHistory(settings);
    this.answers = new OfferAnswers(new Attribution(settings.attributionWindow()), history);
    this.timers = timers;
    this.decisions = decisions;
    this.outputs = outputs;
  }

  /** Follows one profile update at event time {@code at}; true when the state changed. */
  boolean onUpdate(CustomerOfferState state, ProfileUpdate update, Instant at) {
    boolean changed = OfferStates.touch(state, at);
    changed |= followCartOrBasket(state, update, at);
    changed |= decideOnSpike(state, update.profile(), at);
    Optional<Timer> firstDigest = offerTimers.startDigests(state, at);
    firstDigest.ifPresent(timers::schedule);
    return changed || firstDigest.isPresent();
  }

  /** Acts on a due timer, if it still applies; {@code profile} is read only for a decision. */
  void onTimer(CustomerOfferState state, Timer timer, Supplier<CustomerProfile> profile) {
    Instant due = timer.due();
    switch (timer.kind()) {
      case CART -> {
        if (offerTimers.cartAbandoned(state, due)) {
          decide(state, profile.get(), OfferTrigger.CART_ABANDONMENT, "cart@" + due.toEpochMilli(), due);
          Carts.clear(state);
        }
      }
      case DIGEST -> {
        if (offerTimers.digestDue(state, due)) {
          decide(state, profile.get(), OfferTrigger.DIGEST, "digest@" + due.toEpochMilli(), due);
          timers.schedule(offerTimers.nextDigest(state, due));
        }
      }
      case LAPSE -> answers.closeLapsed(state, due).forEach(outputs::answered);
    }
  }

  private boolean followCartOrBasket(CustomerOfferState state, ProfileUpdate update, Instant at) {
    Instant cartChangedAt = state.getCartUpdatedAt();
    boolean changed = false;
    if (update.change() instanceof ProfileChange.Click click && Carts.follow(state, click.click())) {
      changed = true;
      offerTimers.cartTimer(state, at).ifPresent(timers::schedule);
    } else if (update.change() instanceof ProfileChange.Basket basket) {
      changed = true;
      answers.creditBasket(state, basket.basket()).forEach(outputs::answered);
      Carts.clear(state);
      decide(state, update.profile(), OfferTrigger.POST_PURCHASE, basket.basket().getTransactionId(), at);
    }
    // the timer of the cart as it was no longer applies: cancelled, so the pending timers are always the state's
    offerTimers.replacedCartTimer(state, cartChangedAt).ifPresent(timers::cancel);
    return changed;
  }

  /** True when the state's spike marks changed. */
  private boolean decideOnSpike(CustomerOfferState state, CustomerProfile profile, Instant at) {
    List<String> marked = state.getCategoriesAboveSpike();
    String spiked = spikes.spikedCategory(state, profile, at);
    boolean marksChanged = !marked.equals(state.getCategoriesAboveSpike());
    if (spiked != null) {
      decide(state, profile, OfferTrigger.INTEREST_SPIKE, "category=" + spiked + "@" + at.toEpochMilli(), at);
    }
    return marksChanged;
  }

  private void decide(CustomerOfferState state, CustomerProfile profile, OfferTrigger trigger, String triggerKey,
      Instant at) {
    Decision decision = decisions.decide(state, profile, trigger, triggerKey, at);
    if (decision != null) {
      history.recordSend(state, decision.send());
      timers.schedule(offerTimers.lapse(state.getCustomerId(), decision.send()));
      outputs.decided(decision, trigger, at);
    }
  }
}
