package io.persona.decide;

import io.persona.avro.CustomerOfferState;
import io.persona.avro.OfferRedemption;
import io.persona.avro.OfferSend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The decisions and redemptions a customer's offer state remembers, for the guards (caps, cooldowns, no re-offer)
 * and for attribution; each list is bounded. Pure: every time is an event time passed in.
 */
final class OfferHistory {
  private final OfferSettings settings;

  public OfferHistory(OfferSettings settings) {
    this.settings = settings;
  }

  /** Remembers a decision (sent or withheld), forgetting closed ones no window can see any more. */
  public void recordSend(CustomerOfferState state, OfferSend send) {
    Instant horizon = send.getSentAt().minus(settings.memory());
    List<OfferSend> kept = new ArrayList<>();
    for (OfferSend old : state.getSends()) {
      if (old.getOpen() || old.getSentAt().isAfter(horizon)) {
        kept.add(old);
      }
    }
    kept.add(send);
    kept.sort(Comparator.comparing(OfferSend::getSentAt));
    while (kept.size() > OfferSettings.MAX_SENDS_REMEMBERED) {
      kept.remove(0);
    }
    state.setSends(kept);
  }

  /** Closes an answered or lapsed decision and learns from it for the offer's class. */
  public void close(CustomerOfferState state, OfferSend send, boolean success, Instant at) {
    replace(state, send.getOfferEventId(), s -> s.setOpen(false));
    ClassResponses.learn(state, send.getOfferClass(), success, at);
  }

  /** Remembers that the customer redeemed {@code offerId} at {@code at}. */
  public void recordRedemption(CustomerOfferState state, String offerId, Instant at) {
    List<OfferRedemption> kept = new ArrayList<>();
    OfferRedemption current = null;
    for (OfferRedemption redemption : state.getRedemptions()) {
      if (redemption.getOfferId().equals(offerId)) {
        current = redemption;
      } else if (redemption.getLastRedeemedAt().plus(settings.noReofferAfterRedemption()).isAfter(at)) {
        kept.add(redemption);
      }
    }
    int count = current == null ? 1 : current.getRedemptions() + 1;
    Instant last = current == null || at.isAfter(current.getLastRedeemedAt()) ? at : current.getLastRedeemedAt();
    kept.add(new OfferRedemption(offerId, count, last));
    while (kept.size() > OfferSettings.MAX_SENDS_REMEMBERED) {
      kept.remove(0);
    }
    state.setRedemptions(kept);
  }

  private static void replace(CustomerOfferState state, String offerEventId, UnaryOperator<OfferSend.Builder> change) {
    List<OfferSend> sends = new ArrayList<>(state.getSends());
    for (int i = 0; i < sends.size(); i++) {
      if (sends.get(i).getOfferEventId().equals(offerEventId)) {
        sends.set(i, change.apply(OfferSend.newBuilder(sends.get(i))).build());
      }
    }
    state.setSends(sends);
  }
}
