package io.persona.serde;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How the offers that other services consume are written ({@code output.format}). */
public enum OutputFormat {
  /** Avro single-object encoding: 2-byte marker, 8-byte schema fingerprint, body; no registry needed. */
  AVRO,
  /** The JSON that {@code persona consume} prints, UTF-8: readable by any language and by Kafka UI as text. */
  JSON,
  /** Avro framed for a schema registry by Apicurio's serde: byte 0, the schema's 4-byte content id, body. */
  REGISTRY;

  /** The configuration value: {@code avro}, {@code json} or {@code registry}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OutputFormat of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** Every configuration value, for the key's validator. */
  public static List<String> allowed() {
    return Arrays.stream(values()).map(OutputFormat::value).toList();
  }
}
