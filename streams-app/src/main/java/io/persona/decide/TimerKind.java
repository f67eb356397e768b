package io.persona.decide;

/**
 * What a timer reminds the decision processor to look at. The timer store's keys hold each kind as one letter, the
 * letters the store has always held: a kind keeps its letter, or timers already stored would change meaning.
 */
public enum TimerKind {
  /** The cart may have been left alone long enough to count as abandoned. */
  CART('C'),
  /** A digest may be due. */
  DIGEST('D'),
  /** A decision's attribution window has closed. */
  LAPSE('L');

  private final char code;

  TimerKind(char code) {
    this.code = code;
  }

  /** The letter that stands for this kind in a timer key. */
  public char code() {
    return code;
  }

  /**
   * The kind written as {@code code}. Only C, D and L are ever written; any other letter reads as a lapse, as it did
   * before kinds were typed: looking for closed attribution windows is right at any time.
   */
  public static TimerKind ofCode(char code) {
    for (TimerKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    return LAPSE;
  }
}
