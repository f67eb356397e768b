package io.persona.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.persona.replay.SaleLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoresTest {
  private static final Instant CUT = Instant.parse("2011-06-01T00:00:00Z");
  private static final Instant BEFORE = CUT.minusSeconds(86_400);
  private static final Instant AFTER = CUT.plusSeconds(86_400);

  /** ann: A twice, B once before; buys A and C after. bob: B before; buys D after. cid: before only. */
  private static final Purchases PURCHASES = Purchases.split(List.of(
      line("ann", "A", BEFORE), line("ann", "A", BEFORE), line("ann", "B", BEFORE),
      line("ann", "A", AFTER), line("ann", "C", AFTER),
      line("bob", "B", BEFORE), line("bob", "D", AFTER),
      line("cid", "A", BEFORE),
      new SaleLine("bob", "x", "Z", null, null, null, -1, 1.0, AFTER, null)), CUT);

  @Test
  void shouldAskOnlyAboutCustomersWhoBuyOnBothSidesOfTheCut() {
    assertThat(PURCHASES.returning()).containsExactly("ann", "bob");
    assertThat(PURCHASES.after().get("bob")).as("a return is not a purchase").containsExactly("D");
  }

  @Test
  void shouldScoreHitsPrecisionNewProductHitsAndCoverage() {
    Map<String, List<String>> lists = Map.of("ann", List.of("A", "C"), "bob", List.of("B", "E"));

    Scores scores = Scores.of(PURCHASES, lists::get, 2, 5);

    assertThat(scores.customers()).isEqualTo(2);
    assertThat(scores.hitRate()).isEqualTo(0.5);
    assertThat(scores.precision()).isCloseTo((2 / 2.0 + 0 / 2.0) / 2, within(1e-9));
    assertThat(scores.newHitRate()).as("C is new to ann; A is not").isEqualTo(0.5);
    assertThat(scores.coverage()).isEqualTo(4 / 5.0);
  }

  @Test
  void shouldBuildTheBaselinesFromPurchasesBeforeTheCutOnly() {
    assertThat(Baselines.mostPopular(PURCHASES, 1).apply("bob")).as("A: ann and cid; B: ann and bob, A first by id")
        .containsExactly("A");
    assertThat(Baselines.personalFrequency(PURCHASES, 1).apply("ann")).containsExactly("A");
    assertThat(Baselines.popularNew(PURCHASES, 2).apply("bob")).containsExactly("A");
    Purchases tie = Purchases.split(List.of(line("ann", "Y", BEFORE), line("ann", "Z", BEFORE),
        line("bob", "Z", BEFORE), line("ann", "A", AFTER)), CUT);
    assertThat(Baselines.personalFrequency(tie, 1).apply("ann")).as("tie by id").containsExactly("Y");
    assertThat(Baselines.personalFrequencyPopularFirst(tie, 1).apply("ann")).as("tie to the more popular")
        .containsExactly("Z");
    assertThat(Scores.of(PURCHASES, c -> new ArrayList<>(), 10, 5).hitRate()).isZero();
  }

  private static SaleLine line(String customer, String product, Instant at) {
    return new SaleLine(customer, customer + at, product, null, null, null, 1, 1.0, at, null);
  }
}
