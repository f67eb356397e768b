package io.persona.offers;

import io.persona.learning.BetaPosterior;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Ranks candidate offers by relevance times a response probability drawn from each offer's posterior (Thompson
 * sampling), then keeps a share of the top k outside the customer's usual categories. Everything is seeded by the
 * caller, so the same decision replays to the same ranking.
 */
public final class Ranker {
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
    int size = Math.min(k, candidates.size());
    double[] scores = draw(candidates, beliefs, new SplittableRandom(seed));
    List<Integer> chosen = select(scores, candidates, size, new SplittableRandom(~seed));
    int first = chosen.get(0);
    double probability = firstPlaceShare(candidates, beliefs, seed, size, first);
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
   * The k best by expected value (relevance times the posterior's mean), diversity floor applied, without exploring:
   * a list to show, not a decision to learn from, so it carries no selection probability.
   */
  public List<Ranked> best(List<Candidate> candidates, Function<Candidate, BetaPosterior> posteriors, long seed,
      int k) {
    if (candidates.isEmpty() || k <= 0) {
      return List.of();
    }
    double[] expected = new double[candidates.size()];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = candidates.get(i).relevance() * posteriors.apply(candidates.get(i)).mean();
    }
    int size = Math.min(k, candidates.size());
    List<Integer> undiversified = byScore(expected).subList(0, size);
    List<Ranked> ranked = new ArrayList<>(size);
    for (int c : select(expected, candidates, size, new SplittableRandom(seed))) {
      ranked.add(new Ranked(candidates.get(c), expected[c], Double.NaN, false, !undiversified.contains(c)));
    }
    return ranked;
  }

  /**
   * The top k by score, with the diversity floor applied. A share of k that is not a whole number is met on average:
   * with k = 1 and a share of 0.2, one decision in five comes from outside the top categories.
   */
  private List<Integer> select(double[] scores, List<Candidate> candidates, int k, SplittableRandom random) {
    double share = k * diversityShare;
    long wanted = (long) Math.floor(share) + (random.nextDouble() < share - Math.floor(share) ? 1 : 0);
    return withDiversity(byScore(scores), candidates, k, wanted);
  }

  private static double[] draw(List<Candidate> candidates, List<BetaPosterior> beliefs, SplittableRandom random) {
    double[] scores = new double[candidates.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = candidates.get(i).relevance() * beliefs.get(i).sample(random);
    }
    return scores;
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
  private double firstPlaceShare(List<Candidate> candidates, List<BetaPosterior> beliefs, long seed, int k,
      int first) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    int wins = 0;
    for (int d = 0; d < probabilityDraws; d++) {
      double[] scores = draw(candidates, beliefs, random);
      wins += select(scores, candidates, k, random).get(0) == first ? 1 : 0;
    }
    return (wins + 1.0) / (probabilityDraws + 1.0);
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
