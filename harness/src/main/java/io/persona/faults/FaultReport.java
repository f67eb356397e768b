package io.persona.faults;

import io.persona.faults.FaultRun.Outcome;
import io.persona.faults.FaultRun.Plan;
import io.persona.faults.Verifier.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A fault run as a markdown report with its verdict. Under exactly-once the run passes when every check holds and it
 * was not vacuous (enough kills while input remained, aborted transactions seen). Under at-least-once, the control,
 * it passes when nothing is missing: duplicates are expected and reported.
 */
public final class FaultReport {
  static final int BROKER_RECOVERY_GOAL_SECONDS = 60;

  private final Outcome outcome;
  private final int minKills;

  public FaultReport(Outcome outcome, int minKills) {
    this.outcome = outcome;
    this.minKills = minKills;
  }

  public boolean exactlyOnceRun() {
    return outcome.plan().guarantee().startsWith("exactly_once");
  }

  /** The verdict, with the reasons when it fails. */
  public List<String> failures() {
    Result r = outcome.result();
    List<String> failures = new ArrayList<>();
    if (outcome.kills() < minKills) {
      failures.add("vacuous: only " + outcome.kills() + " kills while input remained (need " + minKills + ")");
    }
    if (r.missingOffers() > 0 || r.missingProfiles() > 0) {
      failures.add("lost: " + r.missingOffers() + " offers, " + r.missingProfiles() + " profiles");
    }
    if (r.inputLag() > 0) {
      failures.add("the group did not commit " + r.inputLag() + " input records");
    }
    if (exactlyOnceRun()) {
      if (!r.exactlyOnce()) {
        failures.add("exactly-once does not hold (see the table)");
      }
      if (r.abortedRecords() <= 0) {
        failures.add("vacuous: no aborted transaction seen (read_uncommitted saw no more than read_committed)");
      }
    }
    if (!exactlyOnceRun() && r.duplicateOffers() == 0) {
      failures.add("vacuous control: no duplicates under at_least_once, so the run did not show that they are seen");
    }
    outcome.brokerRecoverySeconds().stream().filter(seconds -> seconds > BROKER_RECOVERY_GOAL_SECONDS).findFirst()
        .ifPresent(seconds -> failures.add(String.format("the app took %.1f s to be RUNNING and committing after"
            + " the broker's return (at most %d s)", seconds, BROKER_RECOVERY_GOAL_SECONDS)));
    if (Boolean.FALSE.equals(outcome.restoredEqual())) {
      failures.add("the profiles restored after the state loss differ from those before");
    }
    return failures;
  }

  public String markdown() {
    Plan p = outcome.plan();
    Result r = outcome.result();
    StringBuilder md = new StringBuilder();
    md.append(String.format("### %s, %,d events, %,d malformed, %d instances%n%n", p.guarantee(), p.events(),
        p.pills(), p.instances()));
    md.append("| measure | value |\n|---|---|\n");
    row(md, "input published at", String.format("%,.0f events/s over %.0f s (until committed)", p.rate(),
        outcome.runSeconds()));
    row(md, "app kills (SIGKILL, restart after " + p.restartMinSeconds() + "-" + p.restartMaxSeconds() + " s)",
        String.format("%d, all while input remained", outcome.kills()));
    row(md, "instances that exited by themselves (restarted)", Integer.toString(outcome.selfExits()));
    if (!outcome.brokerRecoverySeconds().isEmpty()) {
      row(md, "broker faults: " + p.brokerKills() + " SIGKILL + restart"
              + (p.brokerPauseSeconds() > 0 ? ", 1 SIGSTOP for " + p.brokerPauseSeconds() + " s" : ""),
          "every instance RUNNING and input committed again after " + outcome.brokerRecoverySeconds().stream()
              .map(s -> String.format("%.1f", s)).collect(Collectors.joining(" / ")) + " s");
    }
    row(md, "consumer group after the stop", r.groupState());
    row(md, "input records not committed", Long.toString(r.inputLag()));
    row(md, "offers expected (one per basket)", String.format("%,d", r.expectedOffers()));
    row(md, "offer records read_committed / distinct offer event ids", String.format("%,d / %,d", r.offerRecords(),
        r.distinctOffers()));
    row(md, "**duplicate offers**", String.format("**%,d**", r.duplicateOffers()));
    row(md, "**missing offers**", String.format("**%,d**", r.missingOffers()));
    row(md, "unexpected offers", String.format("%,d", r.unexpectedOffers()));
    row(md, "sends counted in offer-kpis by the learning app", String.format("%,d", r.countedSends()));
    row(md, "final profiles equal to the oracle's / differing / missing", String.format("%,d of %,d / %,d / %,d",
        r.equalProfiles(), r.expectedProfiles(), r.differingProfiles(), r.missingProfiles()));
    row(md, "dead letters read_committed / expected / byte-equal with source headers", String.format(
        "%,d / %,d / %,d", r.deadLetters(), r.expectedDeadLetters(), r.deadLettersMatched()));
    row(md, "partitions the app writes with a transaction left open", Long.toString(r.openTransactionPartitions()));
    row(md, "records written by the app (outputs, changelogs, repartitions): read_uncommitted vs read_committed"
        + " (aborted)", String.format("%,d vs %,d (%,d)",
        r.uncommittedRecords(), r.committedRecords(), r.abortedRecords()));
    if (outcome.restoreSeconds() != null) {
      row(md, "state loss: state directory deleted, restore of " + String.format("%,d", outcome.profilesHashed())
          + " profiles", String.format("%.1f s; profiles hash %s", outcome.restoreSeconds(),
          outcome.restoredEqual() ? "equal" : "DIFFERENT"));
    }
    List<String> failures = failures();
    String pass = exactlyOnceRun() ? "**PASS**: exactly once, after " + outcome.kills() + (outcome.kills() == 1 ? " kill" : " kills")
        : String.format("**PASS** (the control): %,d duplicate offers and nothing lost, as at_least_once allows",
            r.duplicateOffers());
    md.append('\n').append(failures.isEmpty() ? pass : "**FAIL**: " + String.join("; ", failures)).append("\n");
    return md.toString();
  }

  private static void row(StringBuilder md, String measure, String value) {
    md.append("| ").append(measure).append(" | ").append(value).append(" |\n");
  }
}
