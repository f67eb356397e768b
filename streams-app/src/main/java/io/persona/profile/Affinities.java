package io.persona.profile;

import io.persona.avro.AffinityScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Bounded, decayed interest scores (category, brand or product). A score is kept as of its last update and decayed
 * on use. Adding a weight at any event time, in any order, gives the same result: sum of w * decay(now - t), exact as
 * long as the key stays within the cap. A score may be negative for a while (a return that arrived before its
 * purchase); readers treat it as no interest.
 */
public final class Affinities {
  /** Scores this close to zero are noise (about 7 half-lives below a single view); they are dropped. */
  static final double FLOOR = 0.005;

  private Affinities() {}

  /** Adds {@code weight} for {@code key} at {@code at}, keeping at most {@code cap} entries (the strongest). */
  public static List<AffinityScore> add(List<AffinityScore> scores, String key, double weight, Instant at,
      Decay decay, int cap) {
    if (key == null || weight == 0.0 || cap <= 0) {
      return scores;
    }
    List<AffinityScore> updated = new ArrayList<>(scores.size() + 1);
    boolean found = false;
    for (AffinityScore score : scores) {
      if (score.getKey().equals(key)) {
        found = true;
        AffinityScore merged = plus(score, weight, at, decay);
        if (Math.abs(merged.getScore()) > FLOOR) {
          updated.add(merged);
        }
      } else {
        updated.add(score);
      }
    }
    if (!found && Math.abs(weight) > FLOOR) {
      updated.add(new AffinityScore(key, weight, at));
    }
    return bounded(updated, decay, cap);
  }

  /** Sums two score lists (for example an anonymous visitor's into the customer's), keeping the strongest. */
  public static List<AffinityScore> merge(List<AffinityScore> into, List<AffinityScore> from, Decay decay, int cap) {
    List<AffinityScore> merged = into;
    for (AffinityScore score : from) {
      merged = add(merged, score.getKey(), score.getScore(), score.getUpdatedAt(), decay, Integer.MAX_VALUE);
    }
    return bounded(merged, decay, cap);
  }

  /** The decayed value of {@code score} at {@code at}. */
  public static double valueAt(AffinityScore score, Instant at, Decay decay) {
    return score.getScore() * decay.factor(score.getUpdatedAt().toEpochMilli(), at.toEpochMilli());
  }

  /** The score moves to the later of the two times; an older weight arrives already decayed. */
  private static AffinityScore plus(AffinityScore score, double weight, Instant at, Decay decay) {
    Instant latest = at.isAfter(score.getUpdatedAt()) ? at : score.getUpdatedAt();
    double value = valueAt(score, latest, decay) + weight * decay.factor(at.toEpochMilli(), latest.toEpochMilli());
    return new AffinityScore(score.getKey(), value, latest);
  }

  private static List<AffinityScore> bounded(List<AffinityScore> scores, Decay decay, int cap) {
    if (scores.size() <= cap) {
      return scores;
    }
    Instant reference = scores.stream().map(AffinityScore::getUpdatedAt).max(Comparator.naturalOrder()).orElseThrow();
    List<AffinityScore> strongest = new ArrayList<>(scores);
    strongest.sort(Comparator.comparingDouble((AffinityScore s) -> valueAt(s, reference, decay)).reversed());
    return new ArrayList<>(strongest.subList(0, cap));
  }
}
