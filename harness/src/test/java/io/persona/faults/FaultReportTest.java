package io.persona.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.faults.FaultRun.Outcome;
import io.persona.faults.FaultRun.Plan;
import io.persona.faults.Verifier.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultReportTest {
  @Test
  void shouldPassAnExactlyOnceRunOnlyWithKillsWhileInputRemainedAndAbortsSeen() {
    assertThat(report("exactly_once_v2", 6, clean(100)).failures()).isEmpty();
    assertThat(report("exactly_once_v2", 2, clean(100)).failures()).singleElement().asString().startsWith("vacuous");
    assertThat(report("exactly_once_v2", 6, clean(0)).failures()).singleElement().asString()
        .contains("no aborted transaction");
  }

  @Test
  void shouldFailAnExactlyOnceRunWithOneDuplicate() {
    Result duplicate = new Result("EMPTY", 0, 10, 11, 10, 1, 0, 0, 5, 5, 0, 0, 2, 2, 2, 0, 100, 200, 10);

    assertThat(report("exactly_once_v2", 6, duplicate).failures()).containsExactly(
        "exactly-once does not hold (see the table)");
  }

  @Test
  void shouldPassTheAtLeastOnceControlWithDuplicatesButNeverWithALoss() {
    Result duplicates = new Result("EMPTY", 0, 10, 14, 10, 4, 0, 0, 5, 3, 2, 0, 2, 3, 2, 0, 100, 100, 10);
    Result lost = new Result("EMPTY", 0, 10, 9, 9, 0, 1, 0, 5, 5, 0, 0, 2, 2, 2, 0, 100, 100, 10);

    assertThat(report("at_least_once", 6, duplicates).failures()).isEmpty();
    assertThat(report("at_least_once", 6, lost).failures()).contains("lost: 1 offers, 0 profiles");
    assertThat(report("at_least_once", 6, duplicates).markdown()).contains("| **duplicate offers** | **4** |");
  }

  @Test
  void shouldCallAControlWithoutDuplicatesVacuous() {
    assertThat(report("at_least_once", 6, clean(0)).failures()).singleElement().asString()
        .startsWith("vacuous control");
  }

  private static Result clean(long aborted) {
    return new Result("EMPTY", 0, 10, 10, 10, 0, 0, 0, 5, 5, 0, 0, 2, 2, 2, 0, 100, 100 + aborted, 10);
  }

  private static FaultReport report(String guarantee, int killsWithInputLeft, Result result) {
    Plan plan = new Plan("127.0.0.1:1", Path.of("app.jar"), Path.of("work"), guarantee, 100, 10, 2, 100, 2, 5, 15, 1,
        3, 0, 0, null, null, false, 1);
    return new FaultReport(new Outcome(plan, result, killsWithInputLeft, 0, List.of(), 10, null,
        null, 0), 5);
  }
}
