package io.persona.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LineStrengthTest {
  @Test
  void shouldCountBuyingAProductMoreThanHowManyOfItWereBought() {
    assertThat(ProfileUpdater.lineStrength(1)).isEqualTo(1.0);
    assertThat(ProfileUpdater.lineStrength(12)).isCloseTo(3.48, within(0.01));
    assertThat(7 * ProfileUpdater.lineStrength(1)).as("seven repeat purchases beat one wholesale order of 240")
        .isGreaterThan(ProfileUpdater.lineStrength(240));
  }

  @Test
  void shouldTakeBackExactlyWhatTheSamePurchaseGaveWhenItIsReturned() {
    for (int units : new int[] {1, 5, 12, 240}) {
      assertThat(ProfileUpdater.lineStrength(units) + ProfileUpdater.lineStrength(-units)).isZero();
    }
  }
}
