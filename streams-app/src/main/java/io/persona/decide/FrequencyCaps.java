package io.persona.decide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Frequency caps per customer and channel, such as at most 1 email a day and 3 a week, judged on event time. The
 * state is the send times within the longest window, so it stays as small as the largest cap.
 */
public final class FrequencyCaps {
  /** At most {@code maxSends} within any {@code window} ending at the decision. */
  public record Rule(int maxSends, Duration window) {}

  private static final Pattern RULE = Pattern.compile("(\\d+)/(\\d+)([dhm])");

  private final List<Rule> rules;
  private final Duration longest;

  public FrequencyCaps(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    this.longest = rules.stream().map(Rule::window).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  /** The longest window of any rule: sends older than this no longer matter. */
  public Duration longest() {
    return longest;
  }

  /**
   * Parses rules such as {@code 1/1d,3/7d} (at most 1 a day and 3 a week); units d, h, m. Empty means no cap.
   *
   * @throws IllegalArgumentException naming the part that is not a rule
   */
  public static FrequencyCaps parse(String spec) {
    List<Rule> rules = new ArrayList<>();
    for (String part : spec.split(",")) {
      String rule = part.trim();
      if (rule.isEmpty()) {
        continue;
      }
      Matcher m = RULE.matcher(rule);
      if (!m.matches() || Integer.parseInt(m.group(1)) < 0 || Long.parseLong(m.group(2)) <= 0) {
        throw new IllegalArgumentException("'" + rule + "' is not a cap like 1/1d (at most 1 per day); units d, h, m");
      }
      long amount = Long.parseLong(m.group(2));
      Duration window = switch (m.group(3)) {
        case "d" -> Duration.ofDays(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofMinutes(amount);
      };
      rules.add(new Rule(Integer.parseInt(m.group(1)), window));
    }
    return new FrequencyCaps(rules);
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
