package io.persona.topology;

/** Names of state stores; a renamed store is a state migration, so the golden topology test pins them. */
public final class StoreNames {
  public static final String CUSTOMER_PROFILES = "customer-profile-store";
  public static final String IDENTITY = "identity-store";
  /** Basket ids counted per customer within the duplicate window. */
  public static final String BASKET_DEDUP = "basket-dedup-store";
  /** Ids of the clicks keyed by each customer (logged in) counted within the duplicate window. */
  public static final String CUSTOMER_CLICK_DEDUP = "customer-click-dedup-store";
  /** Anonymous ids by the day they expire, so expiry costs work in proportion to what expires. */
  public static final String IDENTITY_EXPIRY = "identity-expiry-store";
  /** Per customer: recent offer decisions, redemptions, learned responses, cart and spike marks. */
  public static final String CUSTOMER_OFFER_STATE = "customer-offer-state-store";
  /** Due triggers and attribution windows by due time, so a timer costs work only when it is due. */
  public static final String OFFER_TIMERS = "offer-timer-store";
  /** Per customer: consent per channel, with the time each change took effect. */
  public static final String CONSENT = "consent-store";
  /** Per customer: the anonymous ids linked to them, for erasure, and the last login announced to identity. */
  public static final String CUSTOMER_LINKS = "customer-links-store";
  /** Customers by the day they become inactive for too long, for retention. */
  public static final String CUSTOMER_INACTIVITY = "customer-inactivity-store";
  /** Hashes of customers erased on request: their later events start a profile only with new consent. */
  public static final String ERASED_CUSTOMERS = "erased-customers-store";
  /** Per offer with a budget, in each customer task: what this task's customers were sent, against its share. */
  public static final String OFFER_BUDGETS = "offer-budget-store";
  /** Learning app, per offer: its KPIs per arm, counted from every customer's outcomes. */
  public static final String OFFER_LEDGER = "offer-ledger-store";
  /** Per product: co-purchase neighbours and popularity, learned from all baskets. */
  public static final String CO_PURCHASES = "co-purchase-store";
  /** Global (every instance): the offer catalog. */
  public static final String OFFER_CATALOG = "offer-catalog-store";
  /** Global: co-purchase neighbours of every product. */
  public static final String PRODUCT_SIMILARITY = "product-similarity-store";
  /** Global: every offer's KPIs, the prior of each customer's response. */
  public static final String OFFER_KPIS = "offer-kpi-store";

  private StoreNames() {}
}
