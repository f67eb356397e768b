package io.persona.decide;

import io.persona.avro.AdOffer;
import io.persona.avro.Channel;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OfferTrigger;
import io.persona.avro.OutcomeType;
import io.persona.avro.PersonalizedOffer;
import io.persona.decide.Decider.Decision;
import io.persona.learn.Outcomes;
import io.persona.metrics.AppMetrics;
import io.persona.privacy.Pseudonyms;
import java.time.Instant;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Where {@link DecideOffersProcessor}'s decisions and answers go, in the transaction that makes them: a sent offer to
 * its channel's topic, every decision's and answer's outcome to the learning app. The task's budget books count both.
 */
final class OfferOutbox implements OfferTriggers.Outputs {
  private final ProcessorContext<String, SpecificRecord> context;
  private final TaskBudgets budgets;
  private final Pseudonyms pseudonyms;
  private final AppMetrics metrics;

  /** @param pseudonyms null when no trigger sends to the ad channel */
  OfferOutbox(ProcessorContext<String, SpecificRecord> context, TaskBudgets budgets, Pseudonyms pseudonyms,
      AppMetrics metrics) {
    this.context = context;
    this.budgets = budgets;
    this.pseudonyms = pseudonyms;
    this.metrics = metrics;
  }

  /** Sends the decided offer unless the customer is held out of it, and settles the decision either way. */
  @Override
  public void decided(Decision decision, OfferTrigger trigger, Instant at) {
    PersonalizedOffer offer = decision.offer();
    OutcomeType outcome = OutcomeType.WITHHELD_HOLDOUT;
    if (!decision.heldOut()) {
      budgets.recordSent(offer.getOfferId(), at);
      send(offer, at);
      outcome = OutcomeType.SENT;
    }
    metrics.offer(trigger, offer.getChannel(), outcome.name().toLowerCase(Locale.ROOT));
    forward(offer.getCustomerId(), Outcomes.settled(offer, outcome, at), at);
  }

  /** An answer counts against the task's budget books and goes to the learning app on the customer's outcomes. */
  @Override
  public void answered(OfferOutcome outcome) {
    budgets.recordAnswer(outcome);
    forward(outcome.getCustomerId(), outcome, outcome.getOccurredAt());
  }

  /** Email, POS and the like get the customer id; the ad channel only a pseudonym, on its own topic. */
  private void send(PersonalizedOffer offer, Instant at) {
    if (offer.getChannel() == Channel.AD) {
      AdOffer ad = AdOffers.of(offer, pseudonyms);
      forward(ad.getPseudonymousId(), ad, at);
    } else {
      forward(offer.getCustomerId(), offer, at);
    }
  }

  private void forward(String key, SpecificRecord value, Instant at) {
    context.forward(new Record<>(key, value, at.toEpochMilli()));
  }
}
