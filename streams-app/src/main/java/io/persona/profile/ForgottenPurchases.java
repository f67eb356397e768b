package io.persona.profile;

import java.nio.ByteBuffer;

/**
 * The products a profile bought but no longer lists (its purchase list keeps the most useful 50), as a Bloom filter of
 * 1,024 bits and 3 hashes: 128 bytes, paid only by a customer who bought more products than the list keeps. Enough to
 * tell "new to the customer" from "bought long ago": with 100 forgotten products, about 2 in 100 never-bought
 * products are taken for bought (and left out of a discovery list); a bought one is never taken for new.
 */
public final class ForgottenPurchases {
  static final int BITS = 1_024;
  private static final int HASHES = 3;

  private ForgottenPurchases() {}

  /** The filter with {@code productId} added; a new buffer, the one given is left as it is. */
  public static ByteBuffer add(ByteBuffer filter, String productId) {
    byte[] bits = new byte[BITS / 8];
    if (filter != null && filter.remaining() == bits.length) {
      filter.duplicate().get(bits);
    }
    long h1 = mix(productId.hashCode());
    long h2 = mix(h1) | 1;
    for (int i = 0; i < HASHES; i++) {
      int bit = (int) Math.floorMod(h1 + i * h2, (long) BITS);
      bits[bit >>> 3] |= (byte) (1 << (bit & 7));
    }
    return ByteBuffer.wrap(bits);
  }

  /** Whether {@code productId} may have been added: never false for one that was. */
  public static boolean mightContain(ByteBuffer filter, String productId) {
    if (filter == null || filter.remaining() != BITS / 8) {
      return false;
    }
    long h1 = mix(productId.hashCode());
    long h2 = mix(h1) | 1;
    for (int i = 0; i < HASHES; i++) {
      int bit = (int) Math.floorMod(h1 + i * h2, (long) BITS);
      if ((filter.get(filter.position() + (bit >>> 3)) & (1 << (bit & 7))) == 0) {
        return false;
      }
    }
    return true;
  }

  /** SplitMix64's finaliser: spreads String.hashCode (stable across JVMs by its specification) over 64 bits. */
  private static long mix(long value) {
    long z = value + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
