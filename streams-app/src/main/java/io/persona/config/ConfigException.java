package io.persona.config;

/** Bad configuration: the message says which key, where it came from, and what is allowed. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
