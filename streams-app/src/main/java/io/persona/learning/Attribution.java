package io.persona.learning;

import io.persona.avro.LineItem;
import io.persona.avro.PosTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which sent offers a basket answers: an offer is a success when the basket redeems it (its offer id, or its offer
 * event id scanned as a coupon) or buys its product, within the attribution window after it was sent. An offer whose
 * window closes, in stream time, without either is a failure.
 */
public final class Attribution {
  /** An offer sent and not yet answered. {@code productId} is null for an offer on a category or brand. */
  public record SentOffer(String offerEventId, String offerId, String productId, Instant sentAt) {}

  /** A success: {@code redeemed} when the offer itself was used, false when its product was simply bought. */
  public record Success(SentOffer offer, boolean redeemed) {}

  private final Duration window;

  public Attribution(Duration window) {
    this.window = window;
  }

  public List<Success> successes(List<SentOffer> open, PosTransaction basket) {
    List<Success> successes = new ArrayList<>();
    for (SentOffer offer : open) {
      if (!covers(offer, basket.getEventTime())) {
        continue;
      }
      if (basket.getRedeemedOfferIds().contains(offer.offerId())
          || basket.getCouponCodes().contains(offer.offerEventId())) {
        successes.add(new Success(offer, true));
      } else if (offer.productId() != null && bought(basket, offer.productId())) {
        successes.add(new Success(offer, false));
      }
    }
    return successes;
  }

  /** The offers whose window has closed by stream time {@code now}: each is a failure. */
  public List<SentOffer> lapsed(List<SentOffer> open, Instant now) {
    return open.stream().filter(offer -> offer.sentAt().plus(window).isBefore(now)).toList();
  }

  private boolean covers(SentOffer offer, Instant at) {
    return !at.isBefore(offer.sentAt()) && !at.isAfter(offer.sentAt().plus(window));
  }

  private static boolean bought(PosTransaction basket, String productId) {
    for (LineItem line : basket.getLineItems()) {
      if (line.getQuantity() > 0 && line.getProductId().equals(productId)) {
        return true;
      }
    }
    return false;
  }
}
