package io.persona.profile;

import io.persona.avro.SeenEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The event ids counted within the duplicate window, kept inside the state that is read for the event anyway, so
 * duplicate detection costs no extra store access. Bounded: the oldest ids go first.
 */
public final class RecentEvents {
  private RecentEvents() {}

  public static boolean isDuplicate(List<SeenEvent> seen, String id, Instant at, Duration window) {
    for (SeenEvent event : seen) {
      if (event.getId().equals(id) && Duration.between(event.getAt(), at).abs().compareTo(window) <= 0) {
        return true;
      }
    }
    return false;
  }

  /** {@code seen} plus {@code id}, without ids older than the window before the newest, at most {@code cap}. */
  public static List<SeenEvent> remember(List<SeenEvent> seen, String id, Instant at, Duration window, int cap) {
    Instant newest = at;
    for (SeenEvent event : seen) {
      newest = event.getAt().isAfter(newest) ? event.getAt() : newest;
    }
    Instant horizon = newest.minus(window);
    List<SeenEvent> kept = new ArrayList<>(Math.min(seen.size() + 1, cap));
    for (SeenEvent event : seen) {
      if (!event.getAt().isBefore(horizon)) {
        kept.add(event);
      }
    }
    kept.add(new SeenEvent(id, at));
    kept.sort((a, b) -> a.getAt().compareTo(b.getAt()));
    return kept.size() <= cap ? kept : new ArrayList<>(kept.subList(kept.size() - cap, kept.size()));
  }
}
