package io.persona.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The HTTP collector's settings.
 *
 * @param enabled whether {@code /v1/*} and {@code /persona.js} are served
 * @param writeKeys the sources' write keys; empty: any request is taken
 * @param allowedOrigins the web origins whose pages may post events ({@code *}: any)
 * @param ackTimeout how long a request waits for Kafka's acknowledgement before answering 503
 * @param maxRequestBytes the largest request body taken (413 beyond)
 */
public record CollectorSettings(boolean enabled, Set<String> writeKeys, List<String> allowedOrigins,
    Duration ackTimeout, int maxRequestBytes) {
  public CollectorSettings {
    writeKeys = Set.copyOf(writeKeys);
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  public boolean accepts(String writeKey) {
    return writeKeys.isEmpty() || writeKey != null && writeKeys.contains(writeKey);
  }

  /** The value of Access-Control-Allow-Origin for a request from {@code origin}, or null when it is not allowed. */
  public String allowOrigin(String origin) {
    if (allowedOrigins.contains("*")) {
      return "*";
    }
    return origin != null && allowedOrigins.contains(origin) ? origin : null;
  }

  @Override
  public String toString() {
    return "CollectorSettings[enabled=" + enabled + ", writeKeys=" + (writeKeys.isEmpty() ? "none" : "[hidden]")
        + ", allowedOrigins=" + allowedOrigins + ", ackTimeout=" + ackTimeout + ", maxRequestBytes=" + maxRequestBytes
        + "]";
  }
}
