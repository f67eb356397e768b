package io.persona.decide;

import io.persona.avro.AffinityScore;
import io.persona.profile.Decay;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The most bought products, for the cold-start fallback. Popularity decays, but every score decays at the same rate,
 * so the order never changes with time alone: scores are compared as log(score) + (time / half-life) * log 2, their
 * logarithm at one common instant. Only changed products move. Bounded: the weakest product drops out.
 */
public final class PopularProducts {
  private record Entry(String productId, double rank) {}

  private static final Comparator<Entry> STRONGEST_FIRST =
      Comparator.comparingDouble(Entry::rank).reversed().thenComparing(Entry::productId);

  private final double halfLifeMillis;
  private final int capacity;
  private final TreeSet<Entry> ranked = new TreeSet<>(STRONGEST_FIRST);
  private final Map<String, Entry> byProduct = new HashMap<>();

  public PopularProducts(Decay decay, int capacity) {
    this.halfLifeMillis = decay.halfLife().toMillis();
    this.capacity = capacity;
  }

  /** Records the product's popularity as it now is (a null score forgets it). */
  public synchronized void update(String productId, AffinityScore purchases) {
    Entry old = byProduct.remove(productId);
    if (old != null) {
      ranked.remove(old);
    }
    if (purchases == null || purchases.getScore() <= 0) {
      return;
    }
    Entry entry = new Entry(productId, Math.log(purchases.getScore())
        + purchases.getUpdatedAt().toEpochMilli() / halfLifeMillis * Math.log(2));
    ranked.add(entry);
    byProduct.put(productId, entry);
    if (ranked.size() > capacity) {
      byProduct.remove(ranked.pollLast().productId());
    }
  }

  /**
   * How many baskets held the product, decayed to {@code now}. A product not tracked counts as the weakest tracked one:
   * an upper bound, so that a rare product is never taken for rarer than the ones known; 1 when none is tracked.
   */
  public synchronized double basketsAt(String productId, Instant now) {
    Entry entry = byProduct.get(productId);
    if (entry == null) {
      entry = ranked.isEmpty() ? null : ranked.last();
    }
    return entry == null ? 1.0 : Math.exp(entry.rank() - now.toEpochMilli() / halfLifeMillis * Math.log(2));
  }

  /** The product's popularity relative to the most bought product's (1.0), at any instant; 0 when not tracked. */
  public synchronized double share(String productId) {
    Entry entry = byProduct.get(productId);
    return entry == null ? 0.0 : Math.exp(entry.rank() - ranked.first().rank());
  }

  public synchronized List<String> top(int k) {
    List<String> top = new ArrayList<>(Math.min(k, ranked.size()));
    for (Entry entry : ranked) {
      if (top.size() == k) {
        break;
      }
      top.add(entry.productId());
    }
    return top;
  }
}
