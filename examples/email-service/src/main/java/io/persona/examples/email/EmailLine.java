package io.persona.examples.email;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The one line this example "sends" per offer, such as {@code To c-123: 20% off Garden tools, until 2026-12-08}. */
public final class EmailLine {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private EmailLine() {}

  public static String of(Offer offer) {
    String name = offer.offerName() == null ? "offer " + offer.offerId() : offer.offerName();
    return "To " + offer.customerId() + ": " + reward(offer) + name + ", until " + DAY.format(offer.expiresAt())
        + " (ref " + offer.offerEventId() + ")";
  }

  /** How the offer rewards the customer, read from its kind as the catalog defines discountValue. */
  private static String reward(Offer offer) {
    Double value = offer.discountValue();
    return switch (offer.offerKind() == null ? "UNKNOWN" : offer.offerKind()) {
      case "PERCENT_OFF" -> value == null ? "a discount on " : number(value) + "% off ";
      case "AMOUNT_OFF" -> value == null ? "money off " : String.format(Locale.ROOT, "%.2f off ", value);
      case "POINTS_MULTIPLIER" -> value == null ? "bonus points on " : number(value) + "x points on ";
      case "FREE_SHIPPING" -> "free shipping on ";
      case "BUY_X_GET_Y" -> "buy more, get more: ";
      default -> "";
    };
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
