package io.persona.decide;

import io.persona.profile.Decay;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every instance knows about offers and products, kept in memory from the global stores: the catalog indexed
 * for lookups and the most popular products. One per running topology; the global-store thread writes it, stream
 * threads and queries read it. It also keeps the latest event time processed, the "now" of a query: a query never
 * asks the wall clock, so it answers the same on a replay.
 */
public final class OfferViews {
  private static final int POPULAR_TRACKED = 5_000;

  private final OfferIndex catalog = new OfferIndex();
  private final PopularProducts popular;
  private final AtomicLong latestEventTime = new AtomicLong(Long.MIN_VALUE);

  public OfferViews(Decay decay) {
    this.popular = new PopularProducts(decay, POPULAR_TRACKED);
  }

  public OfferIndex catalog() {
    return catalog;
  }

  public PopularProducts popular() {
    return popular;
  }

  public void observe(Instant eventTime) {
    latestEventTime.accumulateAndGet(eventTime.toEpochMilli(), Math::max);
  }

  /** The latest event time any task of this instance processed; null before the first event. */
  public Instant latestEventTime() {
    long latest = latestEventTime.get();
    return latest == Long.MIN_VALUE ? null : Instant.ofEpochMilli(latest);
  }
}
