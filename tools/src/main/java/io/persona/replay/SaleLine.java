package io.persona.replay;

import java.time.Instant;

/** One line of a transaction file: a product bought (quantity > 0) or returned (quantity < 0) in a basket. */
public record SaleLine(String customer, String basket, String product, String description, String category,
    String brand, int quantity, double price, Instant time, String store) {

  /** A purchase the evaluation counts: a known customer, something bought, at a positive price. */
  public boolean isCleanPurchase() {
    return customer != null && quantity > 0 && price > 0;
  }
}
