package io.persona.decide;

import io.persona.avro.CustomerOfferState;
import java.time.Duration;
import java.time.Instant;

/** A customer's offer state as it starts, and the last activity it keeps for the digest. Pure. */
public final class OfferStates {
  static final Duration ACTIVITY_RESOLUTION = Duration.ofHours(1);

  private OfferStates() {}

  public static CustomerOfferState empty(String customerId, Instant at) {
    return CustomerOfferState.newBuilder().setCustomerId(customerId).setLastActiveAt(at).build();
  }

  /**
   * Moves the last activity forward, to the hour: what the digest asks ("active this week?") needs no finer time,
   * and the state is then rewritten about once an hour per active customer, not on every click.
   *
   * @return whether the state changed
   */
  public static boolean touch(CustomerOfferState state, Instant at) {
    if (at.isBefore(state.getLastActiveAt().plus(ACTIVITY_RESOLUTION))) {
      return false;
    }
    state.setLastActiveAt(at);
    return true;
  }
}
