package io.persona.decide;

import io.persona.avro.ConsentState;
import io.persona.avro.OfferTrigger;
import io.persona.privacy.Consents;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Whether a trigger may lead to a decision at all: it is switched on, and the customer's consent to its channel is
 * in force at the decision's time. Default deny: without consent nothing is decided, not even a holdout record.
 */
final class ConsentGate {
  private final OfferSettings settings;
  private final Consents consents;

  ConsentGate(OfferSettings settings, Consents consents) {
    this.settings = settings;
    this.consents = consents;
  }

  /**
   * @param consent the customer's consent state, null when they never gave nor withdrew any; read only when the
   *     trigger is switched on
   */
  boolean opens(OfferTrigger trigger, Supplier<ConsentState> consent, Instant at) {
    return settings.enabled(trigger) && consents.allows(consent.get(), settings.channelOf(trigger), at);
  }
}
