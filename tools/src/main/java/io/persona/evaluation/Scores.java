package io.persona.evaluation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How good k recommendations per returning customer were, judged by what they bought after the cut.
 *
 * @param hitRate share of customers who bought at least one recommended product
 * @param precision mean share of the k recommendations that were bought
 * @param newHitRate share of customers who bought a recommended product they had not bought before the cut
 * @param coverage share of the catalog recommended to anyone
 */
public record Scores(int customers, double hitRate, double precision, double newHitRate, double coverage) {

  public static Scores of(Purchases purchases, Function<String, List<String>> recommend, int k, int catalogSize) {
    Set<String> returning = purchases.returning();
    Set<String> recommendedAnywhere = new HashSet<>();
    int hits = 0;
    int newHits = 0;
    double precisionSum = 0;
    for (String customer : returning) {
      List<String> recommended = recommend.apply(customer);
      List<String> top = recommended.subList(0, Math.min(k, recommended.size()));
      recommendedAnywhere.addAll(top);
      Set<String> bought = purchases.after().get(customer);
      Map<String, Integer> before = purchases.before().get(customer);
      long boughtRecommended = top.stream().filter(bought::contains).count();
      if (boughtRecommended > 0) {
        hits++;
      }
      if (top.stream().anyMatch(p -> bought.contains(p) && !before.containsKey(p))) {
        newHits++;
      }
      precisionSum += (double) boughtRecommended / k;
    }
    int n = returning.size();
    return new Scores(n, share(hits, n), n == 0 ? 0 : precisionSum / n, share(newHits, n),
        share(recommendedAnywhere.size(), catalogSize));
  }

  private static double share(int part, int whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
