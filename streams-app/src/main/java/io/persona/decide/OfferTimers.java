package io.persona.decide;

import io.persona.avro.CustomerOfferState;
import io.persona.avro.OfferSend;
import io.persona.avro.OfferTrigger;
import io.persona.learn.Attribution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which timers a customer's offer state needs, and whether one that fires still applies: an abandonment timer for
 * the latest cart change, one digest timer at the state's next digest, and a lapse timer for each remembered
 * decision, just after its attribution window closes. The pending timers follow from the state alone, so that an
 * erasure can cancel them without a scan. Pure: every time is passed in.
 */
public final class OfferTimers {
  private final OfferSettings settings;
  private final Attribution attribution;

  public OfferTimers(OfferSettings settings) {
    this.settings = settings;
    this.attribution = new Attribution(settings.attributionWindow());
  }

  /** The abandonment timer of a cart changed at {@code changedAt}: none once it is empty, or with the trigger off. */
  public Optional<Timer> cartTimer(CustomerOfferState state, Instant changedAt) {
    if (state.getCartProductIds().isEmpty() || !settings.enabled(OfferTrigger.CART_ABANDONMENT)) {
      return Optional.empty();
    }
    return Optional.of(cart(state.getCustomerId(), changedAt));
  }

  /** The abandonment timer of the cart as it was at {@code changedAt}, if it has changed since: it applies no more. */
  public Optional<Timer> replacedCartTimer(CustomerOfferState state, Instant changedAt) {
    if (changedAt == null || changedAt.equals(state.getCartUpdatedAt())) {
      return Optional.empty();
    }
    return Optional.of(cart(state.getCustomerId(), changedAt));
  }

  /** Whether the cart timer due at {@code due} finds the cart abandoned: only the latest change's timer applies. */
  public boolean cartAbandoned(CustomerOfferState state, Instant due) {
    Instant changedAt = state.getCartUpdatedAt();
    return changedAt != null && cart(state.getCustomerId(), changedAt).due().equals(due)
        && !state.getCartProductIds().isEmpty();
  }

  /** Starts the digests of a customer who has none, one interval after {@code at}: the state's next digest. */
  public Optional<Timer> startDigests(CustomerOfferState state, Instant at) {
    if (state.getNextDigestAt() != null || !settings.enabled(OfferTrigger.DIGEST)) {
      return Optional.empty();
    }
    return Optional.of(nextDigest(state, at));
  }

  /**
   * Whether the digest timer due at {@code due} sends a digest: it is the state's next digest, the trigger is on and
   * the customer was active within the interval before. Otherwise an inactive customer's digests stop, until their
   * next activity starts them again.
   */
  public boolean digestDue(CustomerOfferState state, Instant due) {
    if (!due.equals(state.getNextDigestAt())) {
      return false;
    }
    boolean active = state.getLastActiveAt().isAfter(due.minus(settings.digestInterval()));
    if (!active || !settings.enabled(OfferTrigger.DIGEST)) {
      state.setNextDigestAt(null);
      return false;
    }
    return true;
  }

  /** The digest one interval after {@code after}, now the state's next one. */
  public Timer nextDigest(CustomerOfferState state, Instant after) {
    Instant due = after.plus(settings.digestInterval());
    state.setNextDigestAt(due);
    return new Timer(due, TimerKind.DIGEST, state.getCustomerId());
  }

  /** The timer that closes a decision's attribution window: due just after it closes. */
  public Timer lapse(String customerId, OfferSend send) {
    return new Timer(attribution.closesAt(send).plusMillis(1), TimerKind.LAPSE, customerId);
  }

  /** Every timer the customer's state may have pending, so an erasure can cancel them (their keys hold the id). */
  public List<Timer> pending(CustomerOfferState state) {
    List<Timer> pending = new ArrayList<>();
    String customerId = state.getCustomerId();
    if (state.getCartUpdatedAt() != null) {
      pending.add(cart(customerId, state.getCartUpdatedAt()));
    }
    if (state.getNextDigestAt() != null) {
      pending.add(new Timer(state.getNextDigestAt(), TimerKind.DIGEST, customerId));
    }
    for (OfferSend send : state.getSends()) {
      pending.add(lapse(customerId, send));
    }
    return pending;
  }

  private Timer cart(String customerId, Instant changedAt) {
    return new Timer(changedAt.plus(settings.cartAbandonedAfter()), TimerKind.CART, customerId);
  }
}
