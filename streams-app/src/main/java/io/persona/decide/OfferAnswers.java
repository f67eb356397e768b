package io.persona.decide;

import io.persona.avro.CustomerOfferState;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OfferSend;
import io.persona.avro.OutcomeType;
import io.persona.avro.PosTransaction;
import io.persona.learn.Attribution;
import io.persona.learn.Outcomes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a customer answers the decisions their state remembers: a basket redeems or converts them, an attribution
 * window that closes without either lapses them. Each answer closes its decision, teaches the offer class, and is an
 * outcome for the learning app. Pure: every time is an event or stream time passed in.
 */
final class OfferAnswers {
  private final Attribution attribution;
  private final OfferHistory history;

  OfferAnswers(Attribution attribution, OfferHistory history) {
    this.attribution = attribution;
    this.history = history;
  }

  /** Credits the decisions this basket answers, and remembers the offers it redeemed; their outcomes, in order. */
  List<OfferOutcome> creditBasket(CustomerOfferState state, PosTransaction basket) {
    List<OfferOutcome> outcomes = new ArrayList<>();
    Set<String> redeemed = new LinkedHashSet<>(basket.getRedeemedOfferIds());
    for (Attribution.Success success : attribution.successes(state.getSends(), basket)) {
      history.close(state, success.offer(), true, basket.getEventTime());
      outcomes.add(Outcomes.answered(state.getCustomerId(), success.offer(),
          success.redeemed() ? OutcomeType.REDEEMED : OutcomeType.CONVERTED, basket.getEventTime(),
          basket.getTransactionId(), basket.getTotal()));
      if (success.redeemed()) {
        redeemed.add(success.offer().getOfferId()); // also when scanned as a coupon
      }
    }
    for (String offerId : redeemed) {
      history.recordRedemption(state, offerId, basket.getEventTime());
    }
    return outcomes;
  }

  /** Closes, as ignored, the decisions whose attribution window has closed by stream time {@code now}. */
  List<OfferOutcome> closeLapsed(CustomerOfferState state, Instant now) {
    List<OfferOutcome> outcomes = new ArrayList<>();
    for (OfferSend lapsed : attribution.lapsed(state.getSends(), now)) {
      history.close(state, lapsed, false, now);
      outcomes.add(Outcomes.answered(state.getCustomerId(), lapsed, OutcomeType.IGNORED, attribution.closesAt(lapsed),
          null, null));
    }
    return outcomes;
  }
}
