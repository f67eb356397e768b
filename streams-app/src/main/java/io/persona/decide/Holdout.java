package io.persona.decide;

/**
 * The sticky holdout group: a customer is held out of a campaign by a hash of the two, so the same customer stays in
 * the same arm on every instance, after every restart and on a replay.
 *
 * @param percent share of customers held out, 0 to 100
 */
record Holdout(double percent) {
  private static final int BUCKETS = 10_000;

  public Holdout {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("holdout percent must be within 0..100");
    }
  }

  public boolean holdsOut(String customerId, String campaign) {
    long bucket = Math.floorMod(StableHash.of("holdout", campaign, customerId), (long) BUCKETS);
    return bucket < Math.round(percent * BUCKETS / 100);
  }
}
