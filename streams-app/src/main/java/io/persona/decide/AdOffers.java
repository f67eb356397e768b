package io.persona.decide;

import io.persona.avro.AdOffer;
import io.persona.avro.PersonalizedOffer;
import io.persona.privacy.Pseudonyms;

/** What the ad channel gets of an offer: no personal field, the customer and the decision only as pseudonyms. */
final class AdOffers {
  private AdOffers() {}

  static AdOffer of(PersonalizedOffer offer, Pseudonyms pseudonyms) {
    return new AdOffer(pseudonyms.of(offer.getOfferEventId()), pseudonyms.of(offer.getCustomerId()),
        offer.getOfferId(), offer.getTrigger(), offer.getCreatedAt(), offer.getExpiresAt(), offer.getOfferName(),
        offer.getOfferKind(), offer.getDiscountValue());
  }
}
