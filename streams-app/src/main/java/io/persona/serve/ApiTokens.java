package io.persona.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Who may ask the HTTP API about customers: bearer tokens with full access (profiles and offers), and tokens for
 * offers only (an email or ad service needs a customer's offers, not their profile). No tokens: the API is open, which
 * is only safe on loopback. Tokens are compared in constant time and never logged.
 */
public record ApiTokens(List<String> full, List<String> offersOnly) {
  /** What a request may do. */
  public enum Verdict { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

  public static final ApiTokens NONE = new ApiTokens(List.of(), List.of());

  public ApiTokens {
    full = List.copyOf(full);
    offersOnly = List.copyOf(offersOnly);
  }

  public boolean enabled() {
    return !full.isEmpty() || !offersOnly.isEmpty();
  }

  /**
   * @param authorization the request's Authorization header, or null
   * @param profile whether the request reads a profile (offers-only tokens may not)
   */
  public Verdict check(String authorization, boolean profile) {
    if (!enabled()) {
      return Verdict.ALLOWED;
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Verdict.UNAUTHENTICATED;
    }
    byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    if (matches(full, presented)) {
      return Verdict.ALLOWED;
    }
    if (matches(offersOnly, presented)) {
      return profile ? Verdict.FORBIDDEN : Verdict.ALLOWED;
    }
    return Verdict.UNAUTHENTICATED;
  }

  /** Every token is compared, so the time taken does not tell which one, or how much of it, matched. */
  private static boolean matches(List<String> tokens, byte[] presented) {
    boolean found = false;
    for (String token : tokens) {
      found |= MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), presented);
    }
    return found;
  }

  @Override
  public String toString() {
    return "ApiTokens[full=" + full.size() + " token(s), offersOnly=" + offersOnly.size() + " token(s)]";
  }
}
