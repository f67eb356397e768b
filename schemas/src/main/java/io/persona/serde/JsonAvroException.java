package io.persona.serde;

/** A JSON document that does not fit its Avro schema: {@link #field()} says where, the message says why. */
public final class JsonAvroException extends Exception {
  private final String field;

  public JsonAvroException(String field, String reason) {
    super("field '" + field + "': " + reason);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
