package io.persona.ingest;

/**
 * An event that decoded but makes no sense. Its message is the reason shown in the dead-letter headers, so it names
 * the field and the rule, never the value.
 */
public final class InvalidEventException extends RuntimeException {
  public InvalidEventException(String reason) {
    super(reason, null, false, false);
  }
}
