package io.persona.profile;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link RecentEvents} for the hot path: each id is kept as a 64-bit hash next to its event time, 16 bytes an entry,
 * oldest first. Reading and writing it on every click costs a copy of a few hundred bytes instead of a list of
 * records. Two ids share a hash with a chance of about 2^-60 per pair: a retry counted twice is far likelier.
 */
public final class PackedRecentEvents {
  private static final int ENTRY = 16;
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private PackedRecentEvents() {}

  public static boolean isDuplicate(ByteBuffer packed, String id, Instant at, Duration window) {
    long hash = hash(id);
    long time = at.toEpochMilli();
    for (int i = packed.position(); i + ENTRY <= packed.limit(); i += ENTRY) {
      if (packed.getLong(i) == hash && Math.abs(time - packed.getLong(i + Long.BYTES)) <= window.toMillis()) {
        return true;
      }
    }
    return false;
  }

  /** {@code packed} plus {@code id}, without entries older than the window before the newest, at most {@code cap}. */
  public static ByteBuffer remember(ByteBuffer packed, String id, Instant at, Duration window, int cap) {
    long time = at.toEpochMilli();
    long newest = time;
    for (int i = packed.position(); i + ENTRY <= packed.limit(); i += ENTRY) {
      newest = Math.max(newest, packed.getLong(i + Long.BYTES));
    }
    long horizon = newest - window.toMillis();
    ByteBuffer kept = ByteBuffer.allocate(packed.remaining() + ENTRY);
    boolean added = false;
    for (int i = packed.position(); i + ENTRY <= packed.limit(); i += ENTRY) {
      long entryTime = packed.getLong(i + Long.BYTES);
      if (!added && time < entryTime) {
        kept.putLong(hash(id)).putLong(time);
        added = true;
      }
      if (entryTime >= horizon) {
        kept.putLong(packed.getLong(i)).putLong(entryTime);
      }
    }
    if (!added) {
      kept.putLong(hash(id)).putLong(time);
    }
    kept.flip();
    int excess = kept.remaining() / ENTRY - cap;
    if (excess > 0) {
      kept.position(excess * ENTRY);
    }
    return kept.slice();
  }

  /** FNV-1a over the id's characters: fast, and the same on every machine. */
  static long hash(String id) {
    long hash = FNV_OFFSET;
    for (int i = 0; i < id.length(); i++) {
      hash ^= id.charAt(i);
      hash *= FNV_PRIME;
    }
    return hash;
  }
}
