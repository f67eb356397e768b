package io.persona.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA256) of customer ids for the ad feed: stable, so an ad service can match them against its
 * own audience hashed with the same secret, and not reversible without the secret, which stays in configuration.
 */
public final class Pseudonyms {
  private final SecretKeySpec key;

  public Pseudonyms(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("the pseudonym secret must not be empty");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String of(String id) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256"); // not thread-safe: one per call is cheap next to a send
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "Pseudonyms[HmacSHA256, secret hidden]";
  }
}
