package io.persona.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BetaPosteriorTest {
  @Test
  void shouldCentreThePriorOnTheGlobalRate() {
    BetaPosterior prior = BetaPosterior.prior(0.05, 20);

    assertThat(prior.mean()).isCloseTo(0.05, within(1e-12));
    assertThat(prior.alpha() + prior.beta()).isCloseTo(20, within(1e-12));
  }

  @ParameterizedTest(name = "{0} redemptions of {1} offers move a 5% prior to {2}")
  @CsvSource({"0, 0, 0.05", "1, 1, 0.0952", "5, 10, 0.2", "0, 20, 0.025", "50, 100, 0.425"})
  void shouldMoveTheMeanWithWhatWasObserved(long redeemed, long offered, double mean) {
    BetaPosterior posterior = BetaPosterior.prior(0.05, 20).observe(redeemed, offered - redeemed);

    assertThat(posterior.mean()).isCloseTo(mean, within(1e-4));
  }

  @Test
  void shouldDrawSamplesAroundTheMean() {
    BetaPosterior posterior = new BetaPosterior(3, 7);
    SplittableRandom random = new SplittableRandom(1);
    double sum = 0;
    int draws = 100_000;
    for (int i = 0; i < draws; i++) {
      double x = posterior.sample(random);
      assertThat(x).isBetween(0.0, 1.0);
      sum += x;
    }

    assertThat(sum / draws).isCloseTo(0.3, within(0.005));
  }

  @Test
  void shouldDrawTheSameFromTheSameSeed() {
    BetaPosterior posterior = new BetaPosterior(0.5, 12);

    assertThat(posterior.sample(new SplittableRandom(42))).isEqualTo(posterior.sample(new SplittableRandom(42)));
  }

  @Test
  void shouldRefuseAnImpossiblePosterior() {
    assertThatThrownBy(() -> new BetaPosterior(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BetaPosterior(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
