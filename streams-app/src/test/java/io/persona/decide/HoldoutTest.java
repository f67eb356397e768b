package io.persona.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HoldoutTest {
  @ParameterizedTest(name = "{0}% held out")
  @ValueSource(doubles = {0, 5, 10, 50, 100})
  void shouldHoldOutTheConfiguredShareOfCustomers(double percent) {
    Holdout holdout = new Holdout(percent);
    int customers = 100_000;
    int held = 0;
    for (int i = 0; i < customers; i++) {
      held += holdout.holdsOut("c-" + i, "spring-garden") ? 1 : 0;
    }

    assertThat(100.0 * held / customers).isCloseTo(percent, within(0.5));
  }

  @Test
  void shouldKeepACustomerInTheSameArmEveryTime() {
    Holdout holdout = new Holdout(10);

    for (int i = 0; i < 1_000; i++) {
      assertThat(holdout.holdsOut("c-" + i, "spring-garden")).isEqualTo(new Holdout(10).holdsOut("c-" + i, "spring-garden"));
    }
  }

  @Test
  void shouldDrawEachCampaignsHoldoutIndependently() {
    Holdout holdout = new Holdout(50);
    int agree = 0;
    for (int i = 0; i < 10_000; i++) {
      agree += holdout.holdsOut("c-" + i, "campaign-a") == holdout.holdsOut("c-" + i, "campaign-b") ? 1 : 0;
    }

    assertThat(agree / 10_000.0).isCloseTo(0.5, within(0.03));
  }
}
