package io.persona.decide;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Timers kept in a store, ordered by due time ({@code 0001700000000000|C|customer-1}), so the due ones are a prefix:
 * each punctuation costs work in proportion to what is due. A timer is a reminder to look, not a promise: the state
 * it is about decides whether it still applies, so a stale timer costs one read and nothing else.
 *
 * <p>Each scan starts at the earliest due time the store can still hold, not at its first key: the timers taken
 * before are deleted, and RocksDB would step over every one of their tombstones again until it compacts them.
 */
public final class DueTimers {
  /** A due reminder: look at {@code customerId} for {@code kind} as of {@code due}. */
  public record Timer(Instant due, char kind, String customerId) {}

  private static final byte[] PRESENT = new byte[0];

  private final KeyValueStore<String, byte[]> store;
  /** No timer in the store is due before this; unknown (a scan from the first key) until the first scan. */
  private long earliestDue = Long.MIN_VALUE;

  public DueTimers(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  public void schedule(Instant due, char kind, String customerId) {
    earliestDue = Math.min(earliestDue, due.toEpochMilli());
    store.put(key(due.toEpochMilli(), kind, customerId), PRESENT);
  }

  public void cancel(Timer timer) {
    store.delete(key(timer.due().toEpochMilli(), timer.kind(), timer.customerId()));
  }

  /** Removes and returns the timers due at or before {@code now}, earliest first. */
  public List<Timer> takeDue(Instant now) {
    List<Timer> due = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    String from = earliestDue == Long.MIN_VALUE ? null : millis(earliestDue);
    try (KeyValueIterator<String, byte[]> it = store.range(from, millis(now.toEpochMilli()) + "}")) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        keys.add(entry.key);
        due.add(new Timer(Instant.ofEpochMilli(Long.parseLong(entry.key.substring(0, 16))), entry.key.charAt(17),
            entry.key.substring(19)));
      }
    }
    keys.forEach(store::delete);
    earliestDue = now.toEpochMilli();
    return due;
  }

  private static String key(long dueMillis, char kind, String customerId) {
    return millis(dueMillis) + "|" + kind + "|" + customerId;
  }

  /** Zero-padded to 16 digits, so that keys sort by due time. */
  private static String millis(long epochMillis) {
    String digits = Long.toString(epochMillis);
    return "0".repeat(Math.max(0, 16 - digits.length())) + digits;
  }
}
