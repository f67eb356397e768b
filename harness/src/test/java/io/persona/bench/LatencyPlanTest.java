package io.persona.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyPlanTest {
  @Test
  void shouldRampFromAOneTwentiethOfTheBatchRateToAllOfItInHundreds() {
    assertThat(LatencyPlan.of(20_040, 60, 0).rates())
        .containsExactly(1_000.0, 2_000.0, 4_000.0, 7_000.0, 10_000.0, 13_000.0, 16_000.0, 20_000.0);
  }

  @Test
  void shouldStepAQuarterAndWarmUpHalfTheMeasuredTime() {
    LatencyPlan plan = LatencyPlan.of(20_000, 60, 0);

    assertThat(plan.measure()).isEqualTo(Duration.ofSeconds(60));
    assertThat(plan.warmUp()).isEqualTo(Duration.ofSeconds(30));
    assertThat(plan.step()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void shouldStepAtLeast8AndWarmUpAtLeast15SecondsOfAShortRun() {
    LatencyPlan plan = LatencyPlan.of(20_000, 20, 0);

    assertThat(plan.measure()).isEqualTo(Duration.ofSeconds(20));
    assertThat(plan.warmUp()).isEqualTo(Duration.ofSeconds(15));
    assertThat(plan.step()).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void shouldKeepTheFixedRateAsked() {
    assertThat(LatencyPlan.of(20_000, 20, 1_500).fixedRate()).isEqualTo(1_500);
    assertThat(LatencyPlan.of(20_000, 20, 0).fixedRate()).isZero();
  }
}
