package io.persona.learn;

import static io.persona.testkit.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.Channel;
import io.persona.avro.ExperimentArm;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKpi;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OutcomeType;
import io.persona.testkit.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfferLedgerTest {
  @ParameterizedTest(name = "max sends {0}, max redemptions {1}; sent {2}, redeemed {3}: allows {4}")
  @CsvSource({
      "   ,   , 1000, 0, true",
      "10,   , 9,    0, true",
      "10,   , 10,   0, false",
      "  ,  3, 2,    0, true",
      "  ,  3, 3,    0, false",
      "  ,  3, 3,    2, false",
      "  ,  3, 1,    1, true",
      "10,  3,  10,   0, false"})
  void shouldAllowASendOnlyWhileNeitherBudgetCanBeExceeded(Long maxSends, Long maxRedemptions, int sent,
      int redeemed, boolean allows) {
    OfferCatalogEntry offer = TestEvents.offer("o-1", null, "garden");
    offer.setMaxSends(maxSends);
    offer.setMaxRedemptions(maxRedemptions);
    OfferKpi kpi = OfferLedger.empty("o-1", T0);
    for (int i = 0; i < sent; i++) {
      OfferLedger.recordSent(kpi, T0);
    }
    for (int i = 0; i < redeemed; i++) {
      OfferLedger.recordOutcome(kpi, outcome(OutcomeType.REDEEMED, ExperimentArm.TREATMENT, 10.0));
    }
    // Every sent offer not yet redeemed may still be: it counts against the redemption budget until it lapses.
    assertThat(OfferLedger.budgetAllows(kpi, offer)).isEqualTo(allows);
  }

  @Test
  void shouldFreeARedemptionBudgetSlotWhenASentOfferLapses() {
    OfferCatalogEntry offer = TestEvents.offer("o-1", null, "garden");
    offer.setMaxRedemptions(1L);
    OfferKpi kpi = OfferLedger.empty("o-1", T0);
    OfferLedger.recordSent(kpi, T0);
    assertThat(OfferLedger.budgetAllows(kpi, offer)).isFalse();

    OfferLedger.recordOutcome(kpi, outcome(OutcomeType.IGNORED, ExperimentArm.TREATMENT, null));

    assertThat(OfferLedger.budgetAllows(kpi, offer)).isTrue();
  }

  @Test
  void shouldReportConversionRevenueAverageOrderValueAndUpliftPerArm() {
    OfferKpi kpi = OfferLedger.empty("o-1", T0);
    for (int i = 0; i < 4; i++) {
      OfferLedger.recordSent(kpi, T0);
    }
    OfferLedger.recordWithheld(kpi, T0);
    OfferLedger.recordWithheld(kpi, T0);
    OfferLedger.recordOutcome(kpi, outcome(OutcomeType.REDEEMED, ExperimentArm.TREATMENT, 30.0));
    OfferLedger.recordOutcome(kpi, outcome(OutcomeType.CONVERTED, ExperimentArm.TREATMENT, 50.0));
    OfferLedger.recordOutcome(kpi, outcome(OutcomeType.IGNORED, ExperimentArm.TREATMENT, null));
    OfferLedger.recordOutcome(kpi, outcome(OutcomeType.IGNORED, ExperimentArm.HOLDOUT, null));

    assertThat(kpi.getTreatment().getConversionRate()).isEqualTo(0.5);
    assertThat(kpi.getTreatment().getRevenue()).isEqualTo(80.0);
    assertThat(kpi.getTreatment().getAverageOrderValue()).isEqualTo(40.0);
    assertThat(kpi.getHoldout().getConversionRate()).isZero();
    assertThat(kpi.getUpliftRate()).isEqualTo(0.5);
    assertThat(kpi.getOutstanding()).isEqualTo(1);
  }

  private static OfferOutcome outcome(OutcomeType type, ExperimentArm arm, Double revenue) {
    return new OfferOutcome("out-" + type, "ev-1", "c-1", "o-1", Channel.EMAIL, arm, type, T0.plusSeconds(60), null,
        revenue);
  }
}
