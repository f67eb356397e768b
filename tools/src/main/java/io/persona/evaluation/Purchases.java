package io.persona.evaluation;

import io.persona.replay.SaleLine;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Clean purchases split at a cut time (and, for a validation cut, ended at a later time): how often each customer bought each product before it (lines), and what they
 * bought after it. The customers who buy on both sides are the ones the evaluation asks about.
 */
public record Purchases(Map<String, Map<String, Integer>> before, Map<String, Set<String>> after) {

  public static Purchases split(List<SaleLine> lines, Instant cut) {
    return split(lines, cut, Instant.MAX);
  }

  /** Purchases before {@code cut}, and those from it up to (not including) {@code until}. */
  public static Purchases split(List<SaleLine> lines, Instant cut, Instant until) {
    Map<String, Map<String, Integer>> before = new HashMap<>();
    Map<String, Set<String>> after = new HashMap<>();
    for (SaleLine line : lines) {
      if (!line.isCleanPurchase()) {
        continue;
      }
      if (line.time().isBefore(cut)) {
        before.computeIfAbsent(line.customer(), c -> new HashMap<>()).merge(line.product(), 1, Integer::sum);
      } else if (line.time().isBefore(until)) {
        after.computeIfAbsent(line.customer(), c -> new HashSet<>()).add(line.product());
      }
    }
    return new Purchases(before, after);
  }

  /** Customers who bought before and after the cut, in a stable order. */
  public Set<String> returning() {
    Set<String> returning = new LinkedHashSet<>();
    before.keySet().stream().filter(after::containsKey).sorted().forEach(returning::add);
    return returning;
  }

  /** Products bought before the cut by the most distinct customers. */
  public Map<String, Integer> customersPerProduct() {
    Map<String, Integer> customers = new HashMap<>();
    before.values().forEach(products -> products.keySet().forEach(p -> customers.merge(p, 1, Integer::sum)));
    return customers;
  }
}
