package io.persona.decide;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Timers kept in a store, ordered by due time ({@link TimerKeys}), so the due ones are a prefix: each punctuation
 * costs work in proportion to what is due. A stale timer costs one read and nothing else.
 *
 * <p>Each scan starts at the earliest due time the store can still hold, not at its first key: the timers taken
 * before are deleted, and RocksDB would step over every one of their tombstones again until it compacts them.
 */
public final class DueTimers implements TimerSchedule {
  private static final byte[] PRESENT = new byte[0];

  private final KeyValueStore<String, byte[]> store;
  /** No timer in the store is due before this; unknown (a scan from the first key) until the first scan. */
  private long earliestDue = Long.MIN_VALUE;

  public DueTimers(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  @Override
  public void schedule(Timer timer) {
    earliestDue = Math.min(earliestDue, timer.due().toEpochMilli());
    store.put(TimerKeys.of(timer), PRESENT);
  }

  @Override
  public void cancel(Timer timer) {
    store.delete(TimerKeys.of(timer));
  }

  /** Removes and returns the timers due at or before {@code now}, earliest first. */
  public List<Timer> takeDue(Instant now) {
    List<Timer> due = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    String from = earliestDue == Long.MIN_VALUE ? null : TimerKeys.dueFrom(earliestDue);
    try (KeyValueIterator<String, byte[]> it = store.range(from, TimerKeys.dueThrough(now.toEpochMilli()))) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        keys.add(entry.key);
        due.add(TimerKeys.parse(entry.key));
      }
    }
    keys.forEach(store::delete);
    earliestDue = now.toEpochMilli();
    return due;
  }
}
