package io.persona.serve.marketing;

import io.persona.avro.ExperimentArm;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OutcomeType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Offers decided per day of their decision (event time, UTC), per arm, and how many were answered (redeemed, or the
 * target bought) once their attribution window closed: the response rate over time that a marketer charts.
 */
public final class ResponseTimeline {
  /** One day of one arm: decisions made, decisions whose window closed, and of those the answered ones. */
  public record Day(long decided, long closed, long answered) {
    public double responseRate() {
      return closed == 0 ? 0 : (double) answered / closed;
    }
  }

  private final Map<String, LocalDate> decidedOn = new HashMap<>();
  private final Map<String, Boolean> treatment = new HashMap<>();
  private final Set<String> answered = new HashSet<>();
  private final Set<String> closed = new HashSet<>();

  /** Counts one outcome; those of other offers than {@code offerId} are left out when it is not null. */
  public void add(OfferOutcome outcome, String offerId) {
    if (offerId != null && !offerId.equals(outcome.getOfferId())) {
      return;
    }
    String decision = outcome.getOfferEventId();
    switch (outcome.getOutcome()) {
      case SENT, WITHHELD_HOLDOUT -> {
        decidedOn.put(decision, outcome.getOccurredAt().atZone(ZoneOffset.UTC).toLocalDate());
        treatment.put(decision, outcome.getExperimentArm() != ExperimentArm.HOLDOUT
            && outcome.getOutcome() == OutcomeType.SENT);
      }
      case REDEEMED, CONVERTED -> {
        answered.add(decision);
        closed.add(decision);
      }
      case IGNORED -> closed.add(decision);
      default -> { }
    }
  }

  /** Day to {treatment, holdout}, oldest first. */
  public SortedMap<LocalDate, Day[]> days() {
    SortedMap<LocalDate, long[][]> counts = new TreeMap<>();
    decidedOn.forEach((decision, day) -> {
      long[] arm = counts.computeIfAbsent(day, d -> new long[2][3])[treatment.get(decision) ? 0 : 1];
      arm[0]++;
      if (closed.contains(decision)) {
        arm[1]++;
        arm[2] += answered.contains(decision) ? 1 : 0;
      }
    });
    SortedMap<LocalDate, Day[]> days = new TreeMap<>();
    counts.forEach((day, arms) -> days.put(day, new Day[] {
        new Day(arms[0][0], arms[0][1], arms[0][2]), new Day(arms[1][0], arms[1][1], arms[1][2])}));
    return days;
  }
}
