package io.persona.ingest;

/** An event the collector refuses: where it is in the request, which field, and why. */
public final class BadEvent extends RuntimeException {
  private final int index;
  private final String field;

  public BadEvent(int index, String field, String reason) {
    super(reason, null, false, false);
    this.index = index;
    this.field = field;
  }

  /** Position in the batch; 0 for a single event. */
  public int index() {
    return index;
  }

  /** The field, as a path in the event's JSON ({@code properties.price}). */
  public String field() {
    return field;
  }
}
