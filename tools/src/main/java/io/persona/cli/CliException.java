package io.persona.cli;

/** A command that cannot finish; the message alone is shown, as one line, to the person who ran it. */
public final class CliException extends RuntimeException {
  public CliException(String message) {
    super(message);
  }
}
