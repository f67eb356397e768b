package io.persona.learn;

import io.persona.avro.OfferOutcome;
import io.persona.avro.OfferSend;
import io.persona.avro.OutcomeType;
import io.persona.avro.PersonalizedOffer;
import io.persona.decide.StableHash;
import java.time.Instant;

/** Outcome events of decisions, with deterministic ids: one decision has at most one outcome of each type. */
public final class Outcomes {
  private Outcomes() {}

  /** What became of a decision when it was made: SENT or WITHHELD_HOLDOUT. */
  public static OfferOutcome settled(PersonalizedOffer offer, OutcomeType type, Instant at) {
    return builder(offer.getOfferEventId(), type)
        .setCustomerId(offer.getCustomerId())
        .setOfferId(offer.getOfferId())
        .setChannel(offer.getChannel())
        .setExperimentArm(offer.getExperimentArm())
        .setOccurredAt(at)
        .build();
  }

  /** How the customer answered a decision: REDEEMED, CONVERTED or IGNORED. */
  public static OfferOutcome answered(String customerId, OfferSend send, OutcomeType type, Instant at,
      String transactionId, Double revenue) {
    return builder(send.getOfferEventId(), type)
        .setCustomerId(customerId)
        .setOfferId(send.getOfferId())
        .setChannel(send.getChannel())
        .setExperimentArm(send.getExperimentArm())
        .setOccurredAt(at)
        .setTransactionId(transactionId)
        .setRevenue(revenue)
        .build();
  }

  private static OfferOutcome.Builder builder(String offerEventId, OutcomeType type) {
    return OfferOutcome.newBuilder()
        .setOutcomeId(StableHash.uuid("outcome", offerEventId, type.name()).toString())
        .setOfferEventId(offerEventId)
        .setOutcome(type);
  }
}
