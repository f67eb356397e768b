package io.persona.decide;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Hashes that are the same on every machine, JVM and run: decisions built on them (holdout membership, offer event
 * ids, exploration seeds) replay identically.
 */
public final class StableHash {
  private static final char SEPARATOR = '\u001f';

  private StableHash() {}

  /** 64 bits of SHA-256 over the parts, separated so that ("ab", "c") and ("a", "bc") differ. */
  public static long of(String... parts) {
    return ByteBuffer.wrap(sha256(join(parts))).getLong();
  }

  /** A name-based UUID (version 3) of the parts: a deterministic id. */
  public static UUID uuid(String... parts) {
    return UUID.nameUUIDFromBytes(join(parts).getBytes(StandardCharsets.UTF_8));
  }

  private static String join(String... parts) {
    return String.join(String.valueOf(SEPARATOR), parts);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
