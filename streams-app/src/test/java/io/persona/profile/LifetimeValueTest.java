package io.persona.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LifetimeValueTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void shouldBeZeroWithoutPurchases() {
    assertThat(LifetimeValue.estimate(0, 0.0, T0, null, T0, 3)).isZero();
  }

  @Test
  void shouldProjectAverageOrderTimesYearlyFrequencyOverTheHorizon() {
    // 12 orders of 50 over 360 days, the last one today: about 12.2 a year, nearly surely still active.
    double ltv = LifetimeValue.estimate(12, 600.0, T0, T0.plus(Duration.ofDays(360)), T0.plus(Duration.ofDays(360)), 3);

    assertThat(ltv).isCloseTo(50 * 12 * 365.0 / 360 * 3, within(0.01));
  }

  @Test
  void shouldFallForACustomerWhoStoppedBuying() {
    Instant last = T0.plus(Duration.ofDays(360));
    double active = LifetimeValue.estimate(12, 600.0, T0, last, last, 3);
    double lapsed = LifetimeValue.estimate(12, 600.0, T0, last, last.plus(Duration.ofDays(180)), 3);

    assertThat(lapsed).isLessThan(active / 2);
  }
}
