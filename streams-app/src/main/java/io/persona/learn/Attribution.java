package io.persona.learn;

import io.persona.avro.ExperimentArm;
import io.persona.avro.LineItem;
import io.persona.avro.OfferSend;
import io.persona.avro.PosTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which decided offers a basket answers: an offer is redeemed when the basket uses it (its offer id, or its offer
 * event id scanned as a coupon), converted when the basket buys what it targets (its product; else its category;
 * else its brand) without using it, both within the attribution window after the decision. A held-out customer can
 * only convert: that is what the treatment is compared with. An offer whose window closes, in stream time, without
 * either is a failure.
 */
public final class Attribution {
  /** A success: {@code redeemed} when the offer itself was used, false when its target was simply bought. */
  public record Success(OfferSend offer, boolean redeemed) {}

  private final Duration window;

  public Attribution(Duration window) {
    this.window = window;
  }

  /** The open offers {@code basket} answers. */
  public List<Success> successes(List<OfferSend> sends, PosTransaction basket) {
    List<Success> successes = new ArrayList<>();
    for (OfferSend offer : sends) {
      if (!offer.getOpen() || !covers(offer, basket.getEventTime())) {
        continue;
      }
      boolean heldOut = offer.getExperimentArm() == ExperimentArm.HOLDOUT;
      if (!heldOut && (basket.getRedeemedOfferIds().contains(offer.getOfferId())
          || basket.getCouponCodes().contains(offer.getOfferEventId()))) {
        successes.add(new Success(offer, true));
      } else if (boughtTarget(basket, offer)) {
        successes.add(new Success(offer, false));
      }
    }
    return successes;
  }

  /** The open offers whose window has closed by stream time {@code now}: each is a failure. */
  public List<OfferSend> lapsed(List<OfferSend> sends, Instant now) {
    return sends.stream().filter(offer -> offer.getOpen() && closesAt(offer).isBefore(now)).toList();
  }

  public Instant closesAt(OfferSend offer) {
    return offer.getSentAt().plus(window);
  }

  private boolean covers(OfferSend offer, Instant at) {
    return !at.isBefore(offer.getSentAt()) && !at.isAfter(closesAt(offer));
  }

  private static boolean boughtTarget(PosTransaction basket, OfferSend offer) {
    for (LineItem line : basket.getLineItems()) {
      if (line.getQuantity() > 0 && targets(offer, line)) {
        return true;
      }
    }
    return false;
  }

  private static boolean targets(OfferSend offer, LineItem line) {
    if (offer.getTargetProductId() != null) {
      return offer.getTargetProductId().equals(line.getProductId());
    }
    if (offer.getTargetCategory() != null) {
      return offer.getTargetCategory().equals(line.getCategory());
    }
    return offer.getTargetBrand() != null && offer.getTargetBrand().equals(line.getBrand());
  }
}
