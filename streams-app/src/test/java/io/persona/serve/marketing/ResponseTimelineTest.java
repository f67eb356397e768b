package io.persona.serve.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.persona.avro.ArmKpi;
import io.persona.avro.Channel;
import io.persona.avro.ExperimentArm;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OutcomeType;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ResponseTimelineTest {
  private static final Instant DAY_ONE = Instant.parse("2026-11-02T10:00:00Z");
  private static final Instant DAY_TWO = Instant.parse("2026-11-03T10:00:00Z");

  @Test
  void shouldCountEachDecisionOnTheDayItWasMadeOnceItsWindowClosed() {
    ResponseTimeline timeline = new ResponseTimeline();
    timeline.add(outcome("d-1", "o-1", ExperimentArm.TREATMENT, OutcomeType.SENT, DAY_ONE), null);
    timeline.add(outcome("d-2", "o-1", ExperimentArm.TREATMENT, OutcomeType.SENT, DAY_ONE), null);
    timeline.add(outcome("d-3", "o-2", ExperimentArm.HOLDOUT, OutcomeType.WITHHELD_HOLDOUT, DAY_ONE), null);
    timeline.add(outcome("d-1", "o-1", ExperimentArm.TREATMENT, OutcomeType.REDEEMED, DAY_TWO), null);
    timeline.add(outcome("d-3", "o-2", ExperimentArm.HOLDOUT, OutcomeType.IGNORED, DAY_TWO), null);
    timeline.add(outcome("d-4", "o-1", ExperimentArm.TREATMENT, OutcomeType.SENT, DAY_TWO), null);

    var days = timeline.days();

    assertThat(days).containsOnlyKeys(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-03"));
    ResponseTimeline.Day[] first = days.get(LocalDate.parse("2026-11-02"));
    assertThat(first[0]).isEqualTo(new ResponseTimeline.Day(2, 1, 1)); // d-2 still open: not in the rate
    assertThat(first[0].responseRate()).isEqualTo(1.0);
    assertThat(first[1]).isEqualTo(new ResponseTimeline.Day(1, 1, 0));
    assertThat(days.get(LocalDate.parse("2026-11-03"))[0]).isEqualTo(new ResponseTimeline.Day(1, 0, 0));
  }

  @Test
  void shouldKeepOnlyTheOfferAskedFor() {
    ResponseTimeline timeline = new ResponseTimeline();
    timeline.add(outcome("d-1", "o-1", ExperimentArm.TREATMENT, OutcomeType.SENT, DAY_ONE), "o-2");
    timeline.add(outcome("d-2", "o-2", ExperimentArm.TREATMENT, OutcomeType.SENT, DAY_ONE), "o-2");

    assertThat(timeline.days().get(LocalDate.parse("2026-11-02"))[0].decided()).isEqualTo(1);
  }

  @Test
  void shouldGiveTheUpliftWithAnIntervalThatNarrowsWithMoreDecisions() {
    Uplift few = Uplift.of(arm(20, 8), arm(20, 4));
    Uplift many = Uplift.of(arm(2_000, 800), arm(2_000, 400));

    assertThat(few.points()).isEqualTo(0.2, offset(1e-9));
    assertThat(many.points()).isEqualTo(0.2, offset(1e-9));
    assertThat(few.low()).isLessThan(0).as("20 decisions an arm cannot tell");
    assertThat(many.low()).isGreaterThan(0.15);
    assertThat(many.high() - many.low()).isLessThan(few.high() - few.low());
  }

  private static ArmKpi arm(long decisions, long redeemed) {
    ArmKpi arm = new ArmKpi();
    arm.setDecisions(decisions);
    arm.setRedeemed(redeemed);
    return arm;
  }

  private static OfferOutcome outcome(String decision, String offer, ExperimentArm arm, OutcomeType type, Instant at) {
    return OfferOutcome.newBuilder().setOutcomeId(decision + "-" + type).setOfferEventId(decision).setCustomerId("c-1")
        .setOfferId(offer).setChannel(Channel.EMAIL).setExperimentArm(arm).setOutcome(type).setOccurredAt(at).build();
  }
}
