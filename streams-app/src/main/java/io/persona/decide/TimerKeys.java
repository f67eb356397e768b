package io.persona.decide;

import java.time.Instant;

/**
 * How a timer is written as a key of the timer store, {@code 0001700000000000|C|customer-1}: the due time in epoch
 * millis, zero-padded to 16 digits so that keys sort by due time; the kind's letter; the customer id, last, as in
 * every index that erasure reaches. Stores in use hold these keys, so the format must not change.
 */
final class TimerKeys {
  private static final int DIGITS = 16;

  private TimerKeys() {}

  static String of(Timer timer) {
    return millis(timer.due().toEpochMilli()) + "|" + timer.kind().code() + "|" + timer.customerId();
  }

  static Timer parse(String key) {
    return new Timer(Instant.ofEpochMilli(Long.parseLong(key.substring(0, DIGITS))),
        TimerKind.ofCode(key.charAt(DIGITS + 1)), key.substring(DIGITS + 3));
  }

  /** The lowest key a timer due at {@code dueMillis} or later can have. */
  static String dueFrom(long dueMillis) {
    return millis(dueMillis);
  }

  /** A key above every key of a timer due at or before {@code dueMillis}, and below any due later. */
  static String dueThrough(long dueMillis) {
    return millis(dueMillis) + "}";
  }

  private static String millis(long epochMillis) {
    String digits = Long.toString(epochMillis);
    return "0".repeat(Math.max(0, DIGITS - digits.length())) + digits;
  }
}
