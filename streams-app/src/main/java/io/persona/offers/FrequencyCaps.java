package io.persona.offers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Frequency caps per customer and channel, such as at most 1 email a day and 3 a week, judged on event time. The
 * state is the send times within the longest window, so it stays as small as the largest cap.
 */
public final class FrequencyCaps {
  /** At most {@code maxSends} within any {@code window} ending at the decision. */
  public record Rule(int maxSends, Duration window) {}

  private final List<Rule> rules;
  private final Duration longest;

  public FrequencyCaps(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    this.longest = rules.stream().map(Rule::window).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  /** Whether one more send at {@code at} keeps every rule. */
  public boolean allows(List<Instant> sends, Instant at) {
    for (Rule rule : rules) {
      Instant from = at.minus(rule.window());
      long inWindow = sends.stream().filter(s -> s.isAfter(from) && !s.isAfter(at)).count();
      if (inWindow >= rule.maxSends()) {
        return false;
      }
    }
    return true;
  }

  /** The send times after one more send at {@code at}, without those no rule can see any more. */
  public List<Instant> record(List<Instant> sends, Instant at) {
    Instant newest = at;
    for (Instant send : sends) {
      newest = send.isAfter(newest) ? send : newest;
    }
    Instant horizon = newest.minus(longest);
    List<Instant> kept = new ArrayList<>();
    for (Instant send : sends) {
      if (send.isAfter(horizon)) {
        kept.add(send);
      }
    }
    kept.add(at);
    kept.sort(null);
    return kept;
  }
}
