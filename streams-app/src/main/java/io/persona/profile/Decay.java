package io.persona.profile;

import java.time.Duration;

/**
 * Exponential decay by event time: a score s kept at time t is worth s * 2^(-(t' - t) / halfLife) at t'. Applied
 * lazily, when a score is read or changed, so each event costs O(1) whatever the time since the last one.
 */
public record Decay(Duration halfLife) {
  /** The factor a score loses from {@code fromMillis} to {@code toMillis}; above 1 when going back in time. */
  public double factor(long fromMillis, long toMillis) {
    return Math.pow(2.0, -(double) (toMillis - fromMillis) / halfLife.toMillis());
  }
}
