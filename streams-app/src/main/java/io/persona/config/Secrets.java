package io.persona.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Which settings hold secrets, and their values masked for printing. */
public final class Secrets {
  public static final String MASK = "[hidden]";
  private static final String[] SECRET_PARTS = {"jaas.config", "password", "secret", "key.pem", "token", "credentials"};

  private Secrets() {}

  /** Whether the value of {@code key} is a secret (a JAAS config, any password, secret, key or token). */
  public static boolean isSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    for (String part : SECRET_PARTS) {
      if (lower.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** {@code settings} with every secret value replaced by {@link #MASK}, sorted by key. */
  public static Map<String, String> masked(Map<String, String> settings) {
    Map<String, String> masked = new TreeMap<>();
    settings.forEach((key, value) -> masked.put(key, isSecret(key) ? MASK : value));
    return masked;
  }
}
