package io.persona.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keys ordered by the day they expire ({@code 000020514|cookie-1}), so the expired ones are a prefix of the store:
 * finding them costs work in proportion to how many there are, not to the size of the state. An entry moves only
 * when its expiry day changes, so most events cost nothing here.
 */
public final class ExpiryIndex {
  private static final long DAY_MS = 86_400_000L;
  private static final byte[] PRESENT = new byte[0];

  private final KeyValueStore<String, byte[]> index;

  public ExpiryIndex(KeyValueStore<String, byte[]> index) {
    this.index = index;
  }

  /** Records that {@code key} now expires at {@code newExpiry} (it expired at {@code oldExpiry}, or was new). */
  public void move(String key, Instant oldExpiry, Instant newExpiry) {
    long oldDay = oldExpiry == null ? -1 : day(oldExpiry);
    long newDay = day(newExpiry);
    if (oldDay == newDay) {
      return;
    }
    if (oldExpiry != null) {
      index.delete(entry(oldDay, key));
    }
    index.put(entry(newDay, key), PRESENT);
  }

  /** Forgets {@code key}, which expired at {@code expiry}. */
  public void remove(String key, Instant expiry) {
    index.delete(entry(day(expiry), key));
  }

  /** Removes and returns the keys whose expiry day is before {@code now}'s day. */
  public List<String> takeExpiredBefore(Instant now) {
    List<String> keys = new ArrayList<>();
    List<String> entries = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> expired = index.range(null, prefix(day(now)))) {
      while (expired.hasNext()) {
        KeyValue<String, byte[]> entry = expired.next();
        entries.add(entry.key);
        keys.add(entry.key.substring(entry.key.indexOf('|') + 1));
      }
    }
    entries.forEach(index::delete);
    return keys;
  }

  private static long day(Instant at) {
    return Math.floorDiv(at.toEpochMilli(), DAY_MS);
  }

  private static String prefix(long day) {
    return String.format("%09d|", day);
  }

  private static String entry(long day, String key) {
    return prefix(day) + key;
  }
}
