package io.persona.topology;

/** Names of state stores; a renamed store is a state migration, so the golden topology test pins them. */
public final class StoreNames {
  public static final String CUSTOMER_PROFILES = "customer-profile-store";
  public static final String IDENTITY = "identity-store";
  /** Basket ids counted per customer within the duplicate window. */
  public static final String BASKET_DEDUP = "basket-dedup-store";
  /** Anonymous ids by the day they expire, so expiry costs work in proportion to what expires. */
  public static final String IDENTITY_EXPIRY = "identity-expiry-store";

  private StoreNames() {}
}
