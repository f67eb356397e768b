package io.persona.decide;

import io.persona.learn.BetaPosterior;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Ranks candidate offers by relevance times a response probability drawn from each offer's posterior (Thompson
 * sampling), then keeps a share of the top k outside the customer's usual categories. Everything is seeded by the
 * caller, so the same decision replays to the same ranking.
 */
final class Ranker {
  /** An offer worth considering: how relevant it is, why, and whether it lies in the customer's top categories. */
  public record Candidate(String offerId, double relevance, List<String> reasons, boolean inTopCategories) {}

  /**
   * @param score relevance times the drawn response probability
   * @param selectionProbability how often this offer came first over repeated draws (for off-policy evaluation)
   * @param explored the draw put it first although another offer has the higher expected score
   * @param diversified the diversity floor put it in the top k in place of a stronger offer from the top categories
   */
  public record Ranked(Candidate candidate, double score, double selectionProbability, boolean explored,
      boolean diversified) {}

  private final int probabilityDraws;
  private final double diversityShare;

  /**
   * @param probabilityDraws draws used to estimate the selection probability of the first offer
   * @param diversityShare share of the top k kept for offers outside the customer's top categories
   */
  public Ranker(int probabilityDraws, double diversityShare) {
    this.probabilityDraws = probabilityDraws;
    this.diversityShare = diversityShare;
  }

  public List<Ranked> rank(List<Candidate> candidates, Function<Candidate, BetaPosterior> posteriors, long seed,
      int k) {
    if (candidates.isEmpty() || k <= 0) {
      return List.of();
    }
    List<BetaPosterior> beliefs = candidates.stream().map(posteriors).toList();
    BetaPosterior.Sampler[] samplers = beliefs.stream().map(BetaPosterior::sampler)
        .toArray(BetaPosterior.Sampler[]::new);
    int size = Math.min(k, candidates.size());
    double[] scores = new double[candidates.size()];
    draw(candidates, samplers, new SplittableRandom(seed), scores);
    List<Integer> chosen = select(scores, candidates, size, new SplittableRandom(~seed));
    int first = chosen.get(0);
    double probability = firstPlaceShare(candidates, samplers, seed, size, first);
    boolean explored = first != bestExpected(candidates, beliefs);
    List<Integer> undiversified = byScore(scores).subList(0, size);
    List<Ranked> ranked = new ArrayList<>(chosen.size());
    for (int i = 0; i < chosen.size(); i++) {
      int c = chosen.get(i);
      ranked.add(new Ranked(candidates.get(c), scores[c], i == 0 ? probability : Double.NaN, i == 0 && explored,
          !undiversified.contains(c)));
    }
    return ranked;
  }

  /**
   * The top k by score, with the diversity floor applied. A share of k that is not a whole number is met on average:
   * with k = 1 and a share of 0.2, one decision in five comes from outside the top categories.
   */
  List<Integer> select(double[] scores, List<Candidate> candidates, int k, SplittableRandom random) {
    return withDiversity(byScore(scores), candidates, k, wanted(k, random));
  }

  /** How many of the top k should come from outside the top categories this time. */
  private long wanted(int k, SplittableRandom random) {
    double share = k * diversityShare;
    return (long) Math.floor(share) + (random.nextDouble() < share - Math.floor(share) ? 1 : 0);
  }

  private static void draw(List<Candidate> candidates, BetaPosterior.Sampler[] samplers, SplittableRandom random,
      double[] scores) {
    for (int i = 0; i < scores.length; i++) {
      scores[i] = candidates.get(i).relevance() * samplers[i].sample(random);
    }
  }

  private static List<Integer> byScore(double[] scores) {
    List<Integer> order = new ArrayList<>(scores.length);
    for (int i = 0; i < scores.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed().thenComparing(i -> i));
    return order;
  }

  /** The top k, with the weakest in-category picks swapped for the best outside ones up to the diversity share. */
  private static List<Integer> withDiversity(List<Integer> order, List<Candidate> candidates, int k, long wanted) {
    List<Integer> top = new ArrayList<>(order.subList(0, k));
    long outside = top.stream().filter(i -> !candidates.get(i).inTopCategories()).count();
    List<Integer> reserve = order.subList(k, order.size()).stream()
        .filter(i -> !candidates.get(i).inTopCategories()).toList();
    for (int r = 0; outside < wanted && r < reserve.size(); r++) {
      int weakestInside = lastInside(top, candidates);
      if (weakestInside < 0) {
        break;
      }
      top.set(weakestInside, reserve.get(r));
      outside++;
    }
    return top;
  }

  private static int lastInside(List<Integer> top, List<Candidate> candidates) {
    for (int i = top.size() - 1; i >= 0; i--) {
      if (candidates.get(top.get(i)).inTopCategories()) {
        return i;
      }
    }
    return -1;
  }

  /** How often the whole selection, draws and diversity floor included, puts {@code first} first. */
  private double firstPlaceShare(List<Candidate> candidates, BetaPosterior.Sampler[] samplers, long seed, int k,
      int first) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    double[] scores = new double[candidates.size()];
    int[] top = new int[k];
    int wins = 0;
    for (int d = 0; d < probabilityDraws; d++) {
      draw(candidates, samplers, random, scores);
      wins += firstSelected(scores, candidates, k, wanted(k, random), top) == first ? 1 : 0;
    }
    return (wins + 1.0) / (probabilityDraws + 1.0);
  }

  /**
   * What {@link #select} puts first, found without sorting: the best score, unless the diversity floor swaps out every
   * in-category pick of the top k, the best one last; then the outside offer of that last swap takes its place.
   *
   * @param top scratch space for the top k
   */
  static int firstSelected(double[] scores, List<Candidate> candidates, int k, long wanted, int[] top) {
    int filled = bestOf(scores, k, top, i -> true);
    int inside = 0;
    for (int t = 0; t < filled; t++) {
      inside += candidates.get(top[t]).inTopCategories() ? 1 : 0;
    }
    int best = top[0];
    if (inside == 0 || !candidates.get(best).inTopCategories() || wanted - (filled - inside) < inside) {
      return best;
    }
    int[] reserve = new int[inside];
    int found = bestOf(scores, inside, reserve, i -> !candidates.get(i).inTopCategories() && !contains(top, i));
    return found == inside ? reserve[inside - 1] : best;
  }

  /** The best {@code n} eligible by score (ties to the earlier candidate) into {@code into}, in order; how many. */
  private static int bestOf(double[] scores, int n, int[] into, IntPredicate eligible) {
    int filled = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!eligible.test(i)) {
        continue;
      }
      int at = filled;
      while (at > 0 && Double.compare(scores[i], scores[into[at - 1]]) > 0) {
        at--;
      }
      if (at < n) {
        System.arraycopy(into, at, into, at + 1, Math.min(filled, n - 1) - at);
        into[at] = i;
        filled = Math.min(filled + 1, n);
      }
    }
    return filled;
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }

  private static int bestExpected(List<Candidate> candidates, List<BetaPosterior> beliefs) {
    int best = 0;
    for (int i = 1; i < candidates.size(); i++) {
      if (candidates.get(i).relevance() * beliefs.get(i).mean()
          > candidates.get(best).relevance() * beliefs.get(best).mean()) {
        best = i;
      }
    }
    return best;
  }
}
