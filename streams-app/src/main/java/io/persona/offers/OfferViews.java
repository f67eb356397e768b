package io.persona.offers;

import io.persona.profile.Decay;

/**
 * What every instance knows about offers and products, kept in memory from the global stores: the catalog indexed
 * for lookups and the most popular products. One per running topology; the global-store thread writes it, stream
 * threads and queries read it.
 */
public final class OfferViews {
  private static final int POPULAR_TRACKED = 1_000;

  private final OfferIndex catalog = new OfferIndex();
  private final PopularProducts popular;

  public OfferViews(Decay decay) {
    this.popular = new PopularProducts(decay, POPULAR_TRACKED);
  }

  public OfferIndex catalog() {
    return catalog;
  }

  public PopularProducts popular() {
    return popular;
  }
}
