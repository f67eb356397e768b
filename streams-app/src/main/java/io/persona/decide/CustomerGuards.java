package io.persona.decide;

import io.persona.avro.Channel;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferRedemption;
import io.persona.avro.OfferSend;
import java.time.Instant;
import java.util.List;

/**
 * What a customer's own history allows a decision: the channel's frequency caps and, per offer, cooldown, no re-offer
 * after a redemption and the offer's per-customer limits. Pure: every time is passed in.
 */
final class CustomerGuards {
  private final OfferSettings settings;

  public CustomerGuards(OfferSettings settings) {
    this.settings = settings;
  }

  /** Whether one more decision on {@code channel} at {@code now} keeps the channel's frequency caps. */
  public boolean capsAllow(CustomerOfferState state, Channel channel, Instant now) {
    List<Instant> sends = state.getSends().stream().filter(s -> s.getChannel() == channel)
        .map(OfferSend::getSentAt).toList();
    return settings.capsOf(channel).allows(sends, now);
  }

  /**
   * The customer-level guards for one offer: valid and allowed on the channel, not decided within the cooldown,
   * not redeemed within the no-re-offer window, and within the offer's per-customer limits.
   */
  public boolean eligible(CustomerOfferState state, OfferCatalogEntry offer, Channel channel, Instant now) {
    if (!OfferIndex.makeable(offer, channel, now)) {
      return false;
    }
    int sent = 0;
    for (OfferSend send : state.getSends()) {
      if (send.getOfferId().equals(offer.getOfferId())) {
        sent++;
        if (send.getSentAt().plus(settings.cooldown()).isAfter(now)) {
          return false;
        }
      }
    }
    if (offer.getMaxSendsPerCustomer() != null && sent >= offer.getMaxSendsPerCustomer()) {
      return false;
    }
    for (OfferRedemption redemption : state.getRedemptions()) {
      if (redemption.getOfferId().equals(offer.getOfferId())) {
        boolean recent = redemption.getLastRedeemedAt().plus(settings.noReofferAfterRedemption()).isAfter(now);
        boolean limitReached = offer.getMaxRedemptionsPerCustomer() != null
            && redemption.getRedemptions() >= offer.getMaxRedemptionsPerCustomer();
        if (recent || limitReached) {
          return false;
        }
      }
    }
    return true;
  }
}
