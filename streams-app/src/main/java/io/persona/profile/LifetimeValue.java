package io.persona.profile;

import java.time.Duration;
import java.time.Instant;

/**
 * A simple, explainable lifetime-value estimate: average order value x purchases per year x horizon, weighed by the
 * chance the customer is still active, which falls as the time since the last purchase grows past their usual gap.
 */
public final class LifetimeValue {
  private static final double DAYS_PER_YEAR = 365.0;
  /** A customer seen for less than this is judged as if seen this long, so one early purchase is not a habit. */
  private static final double MIN_TENURE_DAYS = 90.0;

  private LifetimeValue() {}

  public static double estimate(int purchases, double totalSpend, Instant firstSeen, Instant lastPurchaseAt,
      Instant now, double horizonYears) {
    if (purchases <= 0 || lastPurchaseAt == null || totalSpend <= 0) {
      return 0.0;
    }
    double averageOrder = totalSpend / purchases;
    double tenureDays = Math.max(MIN_TENURE_DAYS, days(firstSeen, now));
    double purchasesPerYear = purchases / tenureDays * DAYS_PER_YEAR;
    double usualGapDays = tenureDays / purchases;
    double stillActive = Math.exp(-Math.max(0.0, days(lastPurchaseAt, now)) / (2 * usualGapDays));
    return averageOrder * purchasesPerYear * horizonYears * stillActive;
  }

  private static double days(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 86_400_000.0;
  }
}
