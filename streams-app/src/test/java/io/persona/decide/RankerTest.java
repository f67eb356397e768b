package io.persona.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.decide.Ranker.Candidate;
import io.persona.decide.Ranker.Ranked;
import io.persona.learn.BetaPosterior;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankerTest {
  private static final Ranker RANKER = new Ranker(500, 0.25);

  @Test
  void shouldPreferTheOfferWithTheClearlyHigherExpectedScore() {
    List<Candidate> candidates = List.of(candidate("o-weak", 1.0, true), candidate("o-strong", 3.0, true));
    Map<String, BetaPosterior> beliefs = Map.of(
        "o-weak", new BetaPosterior(10, 990), "o-strong", new BetaPosterior(300, 700));

    List<Ranked> ranked = RANKER.rank(candidates, c -> beliefs.get(c.offerId()), 7, 1);

    assertThat(ranked).singleElement().satisfies(r -> {
      assertThat(r.candidate().offerId()).isEqualTo("o-strong");
      assertThat(r.selectionProbability()).isGreaterThan(0.99);
      assertThat(r.explored()).isFalse();
    });
  }

  @Test
  void shouldExploreAnUncertainOfferAtTimesAndSaySo() {
    List<Candidate> candidates = List.of(candidate("o-known", 1.0, true), candidate("o-new", 1.0, true));
    Map<String, BetaPosterior> beliefs = Map.of(
        "o-known", new BetaPosterior(200, 800), "o-new", new BetaPosterior(0.5, 3));
    int explored = 0;
    for (long seed = 0; seed < 400; seed++) {
      Ranked first = RANKER.rank(candidates, c -> beliefs.get(c.offerId()), seed, 1).get(0);
      if (first.candidate().offerId().equals("o-new")) {
        explored++;
        assertThat(first.explored()).isTrue();
        assertThat(first.selectionProbability()).isBetween(0.05, 0.6);
      }
    }

    assertThat(explored).isBetween(40, 280);
  }

  @Test
  void shouldRankTheSameForTheSameSeed() {
    List<Candidate> candidates = List.of(candidate("a", 1, true), candidate("b", 1, true), candidate("c", 1, false));
    BetaPosterior prior = BetaPosterior.prior(0.05, 20);

    assertThat(RANKER.rank(candidates, c -> prior, 99, 3)).isEqualTo(RANKER.rank(candidates, c -> prior, 99, 3));
  }

  @Test
  void shouldKeepAShareOfTheTopKOutsideTheCustomersTopCategories() {
    List<Candidate> candidates = List.of(
        candidate("in-1", 10, true), candidate("in-2", 9, true), candidate("in-3", 8, true),
        candidate("in-4", 7, true), candidate("out-1", 0.5, false), candidate("out-2", 0.4, false));
    BetaPosterior certain = new BetaPosterior(500, 500);

    List<Ranked> ranked = RANKER.rank(candidates, c -> certain, 1, 4);

    assertThat(ranked).extracting(r -> r.candidate().offerId()).containsExactly("in-1", "in-2", "in-3", "out-1");
  }

  @Test
  void shouldFindTheSameFirstOfferWithoutSortingAsTheFullSelection() {
    Ranker ranker = new Ranker(100, 0.3);
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 20_000; trial++) {
      int n = 1 + random.nextInt(12);
      int k = 1 + random.nextInt(n);
      List<Candidate> candidates = new ArrayList<>();
      double[] scores = new double[n];
      for (int i = 0; i < n; i++) {
        candidates.add(candidate("o-" + i, 1, random.nextInt(3) > 0));
        scores[i] = random.nextInt(4) == 0 ? 0.5 : random.nextDouble(); // ties too
      }
      long seed = random.nextLong();
      int expected = ranker.select(scores, candidates, k, new SplittableRandom(seed)).get(0);
      long wanted = (long) Math.floor(k * 0.3) + (new SplittableRandom(seed).nextDouble() < k * 0.3
          - Math.floor(k * 0.3) ? 1 : 0);

      assertThat(Ranker.firstSelected(scores, candidates, k, wanted, new int[k])).as("trial %d", trial)
          .isEqualTo(expected);
    }
  }

  private static Candidate candidate(String id, double relevance, boolean inTop) {
    return new Candidate(id, relevance, List.of("affinity:category=garden"), inTop);
  }

  @Test
  void shouldTakeTheDiversityShareOfSingleDecisionsFromOutsideTheTopCategoriesAndSaySo() {
    Ranker ranker = new Ranker(100, 0.2);
    List<Candidate> candidates = List.of(candidate("in", 10, true), candidate("out", 0.1, false));
    BetaPosterior prior = BetaPosterior.prior(0.05, 20);
    int diversified = 0;
    for (long seed = 0; seed < 1000; seed++) {
      Ranked first = ranker.rank(candidates, c -> prior, seed, 1).get(0);
      if (first.candidate().offerId().equals("out")) {
        assertThat(first.diversified() || first.explored()).as("an outside pick is always explained").isTrue();
      }
      diversified += first.diversified() ? 1 : 0;
    }

    assertThat(diversified).isBetween(160, 240);
  }
}
