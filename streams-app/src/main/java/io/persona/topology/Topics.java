package io.persona.topology;

import io.persona.avro.AdOffer;
import io.persona.avro.ClickEvent;
import io.persona.avro.ConsentChange;
import io.persona.avro.CustomerProfile;
import io.persona.avro.ErasureReceipt;
import io.persona.avro.ErasureRequest;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKpi;
import io.persona.avro.OfferOutcome;
import io.persona.avro.PersonalizedOffer;
import io.persona.avro.PosTransaction;
import io.persona.avro.ProductNeighbours;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every topic the product reads or writes. Keys are UTF-8 strings; values Avro single-object encoded, except those of
 * {@link #FORMATTED_OUTPUTS}, written in the configured output format.
 */
public final class Topics {
  /** Keyed by the customer id when the visitor is logged in (no identity hop before the offer), else anonymous id. */
  public static final Topic<ClickEvent> CLICKSTREAM = new Topic<>("clickstream", ClickEvent.class,
      List.of("customerId", "anonymousId"), null, "eventTime", TopicLayout.customerEvents());
  public static final Topic<PosTransaction> POS_TRANSACTIONS =
      new Topic<>("pos-transactions", PosTransaction.class, "customerId", "eventTime", TopicLayout.customerEvents());
  public static final Topic<OfferCatalogEntry> OFFER_CATALOG =
      new Topic<>("offer-catalog", OfferCatalogEntry.class, "offerId", "validFrom", TopicLayout.reference(3));
  /** Keyed {@code <customerId>/<channel>}, in the customer's partition: see {@link CustomerPartitions}. */
  public static final Topic<ConsentChange> CONSENT_CHANGES =
      new Topic<>("consent-changes", ConsentChange.class, List.of("customerId"), "channel", "changedAt",
          TopicLayout.customerState());
  public static final Topic<ErasureRequest> ERASURE_REQUESTS =
      new Topic<>("erasure-requests", ErasureRequest.class, "customerId", "requestedAt", TopicLayout.customerEvents());
  public static final Topic<PersonalizedOffer> PERSONALIZED_OFFERS =
      new Topic<>("personalized-offers", PersonalizedOffer.class, "customerId", "createdAt", TopicLayout.customerEvents());
  public static final Topic<OfferOutcome> OFFER_OUTCOMES =
      new Topic<>("offer-outcomes", OfferOutcome.class, "customerId", "occurredAt", TopicLayout.customerEvents());
  public static final Topic<CustomerProfile> CUSTOMER_PROFILES =
      new Topic<>("customer-profiles", CustomerProfile.class, "customerId", "lastSeen", TopicLayout.customerState());
  /** Per offer and arm: sent, redeemed, conversion, revenue, uplift; the latest per offer is kept. */
  public static final Topic<OfferKpi> OFFER_KPIS =
      new Topic<>("offer-kpis", OfferKpi.class, "offerId", "updatedAt", TopicLayout.reference(3));
  /** Per product: what is bought with it, learned from every basket; the latest per product is kept. */
  public static final Topic<ProductNeighbours> PRODUCT_SIMILARITY =
      new Topic<>("product-similarity", ProductNeighbours.class, "productId", "updatedAt", TopicLayout.reference(3));

  /** Offers for the ad channel, keyed by a keyed hash of the customer id, with no personal fields. */
  public static final Topic<AdOffer> AD_OFFERS =
      new Topic<>("ad-offers", AdOffer.class, "pseudonymousId", "createdAt", TopicLayout.otherEvents(3));
  /** Proof of each erasure, keyed by request id; holds no customer id. */
  public static final Topic<ErasureReceipt> ERASURE_RECEIPTS =
      new Topic<>("erasure-receipts", ErasureReceipt.class, "requestId", "erasedAt", TopicLayout.reference(3));

  /** Records that could not be read or processed: original key and value bytes, reason in the headers. */
  public static final String DEAD_LETTER = "dead-letter";
  public static final TopicLayout DEAD_LETTER_LAYOUT = TopicLayout.deadLetters(3);

  public static final List<Topic<?>> EVENT_TOPICS =
      List.of(
          CLICKSTREAM,
          POS_TRANSACTIONS,
          OFFER_CATALOG,
          CONSENT_CHANGES,
          ERASURE_REQUESTS,
          PERSONALIZED_OFFERS,
          OFFER_OUTCOMES,
          CUSTOMER_PROFILES,
          OFFER_KPIS,
          PRODUCT_SIMILARITY,
          ERASURE_RECEIPTS,
          AD_OFFERS);

  /**
   * The topics Persona writes for other services to read: their value types keep FULL compatibility (a consumer on
   * an older release reads what a newer app writes). offer-kpis and product-similarity are also read back by the
   * engine, offer-outcomes by the learning app.
   */
  public static final List<Topic<?>> OUTPUT_TOPICS =
      List.of(PERSONALIZED_OFFERS, AD_OFFERS, OFFER_OUTCOMES, OFFER_KPIS, CUSTOMER_PROFILES, PRODUCT_SIMILARITY,
          ERASURE_RECEIPTS);

  /**
   * The outputs written in the configured {@code output.format}: the offers that email, POS, push and ad services
   * consume. The others stay Avro single-object: Persona reads them back itself (offer-outcomes, offer-kpis,
   * product-similarity), copies them byte for byte from a changelog (customer-profiles), or they are a receipt.
   */
  public static final List<Topic<?>> FORMATTED_OUTPUTS = List.of(PERSONALIZED_OFFERS, AD_OFFERS);

  private static final Map<Class<?>, Topic<?>> BY_VALUE_TYPE =
      EVENT_TOPICS.stream().collect(Collectors.toUnmodifiableMap(Topic::valueType, Function.identity()));

  private Topics() {}

  public static Optional<Topic<?>> byName(String name) {
    return EVENT_TOPICS.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The topic whose values are of {@code type}, or null. */
  public static Topic<?> byValueType(Class<?> type) {
    return BY_VALUE_TYPE.get(type);
  }

  public static List<String> names() {
    return EVENT_TOPICS.stream().map(Topic::name).toList();
  }
}
