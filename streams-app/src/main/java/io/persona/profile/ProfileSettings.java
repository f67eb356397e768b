package io.persona.profile;

import io.persona.avro.ClickEventType;
import java.time.Duration;
import java.util.Map;

/**
 * How profiles are built.
 *
 * @param halfLife time after which an interest counts half as much
 * @param weights how much each kind of click adds to an affinity; {@link #purchaseWeight} per line bought at a POS, growing with the log of its units
 * @param ltvHorizonYears how far ahead the lifetime value looks
 * @param dedupWindow how long an event id is remembered, so a retry is not counted twice
 * @param maxRemembered most event ids remembered per profile within the window
 */
public record ProfileSettings(
    Duration halfLife,
    int maxCategories,
    int maxBrands,
    int maxProducts,
    int maxPurchaseCycles,
    Map<ClickEventType, Double> weights,
    double purchaseWeight,
    double ltvHorizonYears,
    Duration dedupWindow,
    int maxRemembered) {

  public ProfileSettings {
    weights = Map.copyOf(weights);
  }

  public double weight(ClickEventType type) {
    return weights.getOrDefault(type, 0.0);
  }

  /** The same settings with smaller maps, for the short-lived profiles of anonymous visitors. */
  public ProfileSettings anonymous(int maxEntries) {
    return new ProfileSettings(halfLife, Math.min(maxCategories, maxEntries), Math.min(maxBrands, maxEntries),
        Math.min(maxProducts, maxEntries), 0, weights, purchaseWeight, ltvHorizonYears, dedupWindow, maxRemembered);
  }
}
