package io.persona.evaluation;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What a retailer does without the engine, computed from the same purchases before the cut. */
public final class Baselines {
  private Baselines() {}

  /** Mass marketing: the k products bought by the most customers, the same for everyone. */
  public static Function<String, List<String>> mostPopular(Purchases purchases, int k) {
    List<String> top = byPopularity(purchases).limit(k).toList();
    return customer -> top;
  }

  /** The k most popular products the customer has not bought yet. */
  public static Function<String, List<String>> popularNew(Purchases purchases, int k) {
    List<String> ranked = byPopularity(purchases).toList();
    return customer -> {
      Map<String, Integer> bought = purchases.before().getOrDefault(customer, Map.of());
      return ranked.stream().filter(p -> !bought.containsKey(p)).limit(k).toList();
    };
  }

  /** Each customer's own k most often bought products (lines); ties by product id, as the data set's reference. */
  public static Function<String, List<String>> personalFrequency(Purchases purchases, int k) {
    return personalFrequency(purchases, k, Map.of());
  }

  /** The same, but a tie goes to the product more customers bought: a stronger baseline on sparse histories. */
  public static Function<String, List<String>> personalFrequencyPopularFirst(Purchases purchases, int k) {
    return personalFrequency(purchases, k, purchases.customersPerProduct());
  }

  private static Function<String, List<String>> personalFrequency(Purchases purchases, int k,
      Map<String, Integer> popularity) {
    return customer -> purchases.before().getOrDefault(customer, Map.of()).entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue())
            .thenComparing(e -> -popularity.getOrDefault(e.getKey(), 0)).thenComparing(Map.Entry::getKey))
        .limit(k).map(Map.Entry::getKey).toList();
  }

  private static java.util.stream.Stream<String> byPopularity(Purchases purchases) {
    return purchases.customersPerProduct().entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue()).thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey);
  }
}
