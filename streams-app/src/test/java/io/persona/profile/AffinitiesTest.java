package io.persona.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.persona.avro.AffinityScore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AffinitiesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Decay DECAY = new Decay(Duration.ofDays(10));

  @ParameterizedTest(name = "{0} days later a score of 8 is worth {1}")
  @CsvSource({"0, 8.0", "10, 4.0", "20, 2.0", "30, 1.0", "-10, 16.0"})
  void shouldHalveAScoreEveryHalfLife(long days, double expected) {
    AffinityScore score = new AffinityScore("garden", 8.0, T0);

    assertThat(Affinities.valueAt(score, T0.plus(Duration.ofDays(days)), DECAY)).isCloseTo(expected, within(1e-9));
  }

  @Test
  void shouldDecayTheOldScoreBeforeAddingANewWeight() {
    List<AffinityScore> scores = Affinities.add(List.of(), "garden", 4.0, T0, DECAY, 10);

    List<AffinityScore> later = Affinities.add(scores, "garden", 1.0, T0.plus(Duration.ofDays(10)), DECAY, 10);

    assertThat(later).singleElement().satisfies(s -> {
      assertThat(s.getScore()).isCloseTo(3.0, within(1e-9));
      assertThat(s.getUpdatedAt()).isEqualTo(T0.plus(Duration.ofDays(10)));
    });
  }

  @Test
  void shouldGiveTheSameScoreWhateverTheOrderOfEvents() {
    Instant a = T0;
    Instant b = T0.plus(Duration.ofDays(3));
    Instant c = T0.plus(Duration.ofDays(17));
    List<AffinityScore> inOrder = add(add(add(List.of(), 1.0, a), 3.0, b), 5.0, c);
    List<AffinityScore> shuffled = add(add(add(List.of(), 5.0, c), 1.0, a), 3.0, b);

    assertThat(shuffled.get(0).getUpdatedAt()).isEqualTo(inOrder.get(0).getUpdatedAt());
    assertThat(shuffled.get(0).getScore()).isCloseTo(inOrder.get(0).getScore(), within(1e-9));
  }

  @Test
  void shouldKeepOnlyTheStrongestEntriesUpToTheCap() {
    List<AffinityScore> scores = List.of();
    for (int i = 1; i <= 30; i++) {
      scores = Affinities.add(scores, "category-" + i, i, T0, DECAY, 5);
    }

    assertThat(scores).hasSize(5).extracting(AffinityScore::getKey)
        .containsExactlyInAnyOrder("category-26", "category-27", "category-28", "category-29", "category-30");
  }

  @Test
  void shouldJudgeTheCapByDecayedValueNotByStoredValue() {
    List<AffinityScore> scores = Affinities.add(List.of(), "old-favourite", 10.0, T0, DECAY, 1);

    scores = Affinities.add(scores, "fresh", 3.0, T0.plus(Duration.ofDays(30)), DECAY, 1);

    assertThat(scores).extracting(AffinityScore::getKey).containsExactly("fresh");
  }

  @Test
  void shouldLowerAndFinallyDropAScoreOnReturns() {
    List<AffinityScore> scores = Affinities.add(List.of(), "garden", 5.0, T0, DECAY, 10);

    List<AffinityScore> afterOneReturn = Affinities.add(scores, "garden", -2.0, T0, DECAY, 10);
    List<AffinityScore> afterAllReturned = Affinities.add(afterOneReturn, "garden", -3.0, T0, DECAY, 10);

    assertThat(afterOneReturn.get(0).getScore()).isCloseTo(3.0, within(1e-9));
    assertThat(afterAllReturned).isEmpty();
  }

  @Test
  void shouldIgnoreAMissingKey() {
    assertThat(Affinities.add(List.of(), null, 5.0, T0, DECAY, 10)).isEmpty();
  }

  @Test
  void shouldRememberAReturnThatArrivesBeforeItsPurchase() {
    List<AffinityScore> returnFirst = Affinities.add(List.of(), "garden", -2.0, T0, DECAY, 10);

    List<AffinityScore> thenPurchase = Affinities.add(returnFirst, "garden", 5.0, T0, DECAY, 10);

    assertThat(thenPurchase.get(0).getScore()).isCloseTo(3.0, within(1e-9));
  }

  @Test
  void shouldMergeTwoListsBySummingDecayedScores() {
    List<AffinityScore> customer = Affinities.add(List.of(), "garden", 2.0, T0.plus(Duration.ofDays(10)), DECAY, 10);
    List<AffinityScore> anonymous = List.of(new AffinityScore("garden", 4.0, T0), new AffinityScore("toys", 1.0, T0));

    List<AffinityScore> merged = Affinities.merge(customer, anonymous, DECAY, 10);

    assertThat(merged).filteredOn(s -> s.getKey().equals("garden")).singleElement()
        .satisfies(s -> assertThat(s.getScore()).isCloseTo(4.0, within(1e-9)));
    assertThat(merged).extracting(AffinityScore::getKey).contains("toys");
  }

  private static List<AffinityScore> add(List<AffinityScore> scores, double weight, Instant at) {
    return Affinities.add(scores, "garden", weight, at, DECAY, 10);
  }
}
