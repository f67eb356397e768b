package io.persona.offers;

import io.persona.avro.AffinityScore;
import io.persona.profile.Decay;
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
