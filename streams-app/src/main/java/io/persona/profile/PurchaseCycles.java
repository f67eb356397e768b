package io.persona.profile;

import io.persona.avro.PurchaseCycle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How often a customer buys a product again. The mean interval of n purchases is (last - first) / (n - 1), so only
 * the count, the mean and the last time are kept (first = last - mean * (n - 1)), and purchases may arrive in any
 * order with the same result. Every basket holding the product is a purchase, two baskets of one trip included:
 * telling trips apart would need the times of all purchases, and would make the result depend on arrival order.
 */
public final class PurchaseCycles {
  /** Products bought more than once are kept before single purchases; among equals, the most recent. */
  private static final Comparator<PurchaseCycle> MOST_USEFUL =
      Comparator.comparing((PurchaseCycle c) -> c.getPurchases() > 1).reversed()
          .thenComparing(PurchaseCycle::getLastPurchaseAt, Comparator.reverseOrder());

  private PurchaseCycles() {}

  public static List<PurchaseCycle> record(List<PurchaseCycle> cycles, String productId, Instant at, int cap) {
    if (cap <= 0) {
      return cycles;
    }
    List<PurchaseCycle> updated = new ArrayList<>(cycles.size() + 1);
    boolean found = false;
    for (PurchaseCycle cycle : cycles) {
      if (cycle.getProductId().equals(productId)) {
        found = true;
        updated.add(withPurchase(cycle, at));
      } else {
        updated.add(cycle);
      }
    }
    if (!found) {
      updated.add(new PurchaseCycle(productId, 1, 0L, at));
    }
    if (updated.size() > cap) {
      updated.sort(MOST_USEFUL);
      return new ArrayList<>(updated.subList(0, cap));
    }
    return updated;
  }

  /** Sums the purchase history of two lists (for a merge of profiles). */
  public static List<PurchaseCycle> merge(List<PurchaseCycle> into, List<PurchaseCycle> from, int cap) {
    List<PurchaseCycle> merged = into;
    for (PurchaseCycle cycle : from) {
      merged = record(merged, cycle.getProductId(), cycle.getLastPurchaseAt(), cap);
    }
    return merged;
  }

  /** When the next purchase is due, for a product bought at least twice. */
  public static Instant nextDue(PurchaseCycle cycle) {
    return cycle.getLastPurchaseAt().plusMillis(cycle.getMeanIntervalMillis());
  }

  static Instant firstPurchase(PurchaseCycle cycle) {
    return cycle.getLastPurchaseAt().minusMillis(cycle.getMeanIntervalMillis() * (cycle.getPurchases() - 1));
  }

  private static PurchaseCycle withPurchase(PurchaseCycle cycle, Instant at) {
    Instant first = firstPurchase(cycle);
    Instant last = cycle.getLastPurchaseAt();
    Instant newFirst = at.isBefore(first) ? at : first;
    Instant newLast = at.isAfter(last) ? at : last;
    int purchases = cycle.getPurchases() + 1;
    long mean = Duration.between(newFirst, newLast).toMillis() / (purchases - 1);
    return new PurchaseCycle(cycle.getProductId(), purchases, mean, newLast);
  }
}
