package io.persona.serve;

import io.persona.avro.Channel;
import io.persona.avro.ConsentState;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.CustomerProfile;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKpi;
import io.persona.avro.ProductNeighbours;
import io.persona.config.PersonaConfig;
import io.persona.decide.Decider.Option;
import io.persona.decide.Decider;
import io.persona.decide.OfferViews;
import io.persona.profile.Decay;
import io.persona.topology.CustomerPartitions;
import io.persona.topology.StoreNames;
import io.persona.topology.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read-only questions to a running instance, answered from its state stores (interactive queries): a customer's
 * profile, the top k offers for them now and the discovery list, and an offer's KPIs. The lists use the decision's
 * own candidates and relevance, flag what a guard would hold back, emit nothing and consume no cap.
 *
 * <p>A customer's stores live on the instance that owns their partition; asking another instance throws
 * {@link NotHostedHereException}. Offer KPIs are global: every instance answers.
 */
public final class OfferQueries {
  /** The customer's partition is not (or not yet) served by this instance. */
  public static final class NotHostedHereException extends RuntimeException {
    public NotHostedHereException(int partition, Throwable cause) {
      super("partition " + partition + " is not hosted by this instance, or is restoring", cause);
    }
  }

  private final KafkaStreams streams;
  private final PersonaConfig config;
  private final OfferViews views;
  private final Decider decider;

  public OfferQueries(KafkaStreams streams, PersonaConfig config, OfferViews views) {
    this.streams = streams;
    this.config = config;
    this.views = views;
    this.decider = Decider.create(config.offers(), new Decay(config.profile().halfLife()), views, new Lookups());
  }

  /**
   * The instance that serves the customer's partition (its {@code application.server}), or null while nobody does
   * (a rebalance, or no instance is running).
   */
  public HostInfo ownerOf(String customerId) {
    if (!streams.state().isRunningOrRebalancing()) { // stopping or stopped: this instance knows no owner any more
      return null;
    }
    KeyQueryMetadata metadata = streams.queryMetadataForKey(StoreNames.CUSTOMER_PROFILES, customerId,
        Serdes.String().serializer());
    return metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) ? null : metadata.activeHost();
  }

  /** The customer's profile, or null for a customer never seen. */
  public CustomerProfile profile(String customerId) {
    return this.<CustomerProfile>readCustomer(StoreNames.CUSTOMER_PROFILES, customerId);
  }

  /**
   * The k best offers for the customer on {@code channel} as of the latest event time this instance processed.
   * A customer never seen gets the cold-start offers.
   */
  public List<Option> topOffers(String customerId, Channel channel, int k) {
    CustomerProfile profile = profile(customerId);
    return decider.topK(profile, offerState(customerId), channel, now(profile), k);
  }

  /** The k most relevant offers on products new to the customer: what they might discover. */
  public List<Option> discoveries(String customerId, Channel channel, int k) {
    CustomerProfile profile = profile(customerId);
    return decider.discover(profile, offerState(customerId), channel, now(profile), k);
  }

  private CustomerOfferState offerState(String customerId) {
    return readCustomer(StoreNames.CUSTOMER_OFFER_STATE, customerId);
  }

  /** The time the answers about this customer are as of: the latest event time processed here. */
  public Instant asOf(String customerId) {
    return now(profile(customerId));
  }

  private Instant now(CustomerProfile profile) {
    Instant now = views.latestEventTime();
    if (now == null) { // nothing processed since the start: the customer's own latest event is the best "now"
      now = profile != null ? profile.getLastSeen() : Instant.EPOCH;
    }
    return now;
  }

  /** The customer's consent changes per channel, or null when none was ever recorded (the defaults apply). */
  public ConsentState consent(String customerId) {
    return readCustomer(StoreNames.CONSENT, customerId);
  }

  /** Every catalog offer, paused ones included. */
  public List<OfferCatalogEntry> catalog() {
    return views.catalog().all();
  }

  /** The KPIs of every offer ever decided, retired ones included. */
  public List<OfferKpi> allKpis() {
    List<OfferKpi> all = new ArrayList<>();
    try (KeyValueIterator<String, OfferKpi> each = this.<OfferKpi>global(StoreNames.OFFER_KPIS).all()) {
      each.forEachRemaining(entry -> all.add(entry.value));
    }
    return all;
  }

  /** The offer's KPIs per arm, or null for an offer never decided. */
  public OfferKpi kpis(String offerId) {
    return this.<OfferKpi>global(StoreNames.OFFER_KPIS).get(offerId);
  }

  /** The customer's value in a store of their partition; the store may only fail once it is read. */
  private <V> V readCustomer(String name, String customerId) {
    int partition = partitionOf(customerId);
    try {
      return streams.store(StoreQueryParameters.<ReadOnlyKeyValueStore<String, V>>fromNameAndType(name,
          QueryableStoreTypes.keyValueStore()).withPartition(partition)).get(customerId);
    } catch (InvalidStateStoreException e) {
      throw new NotHostedHereException(partition, e);
    }
  }

  private <V> ReadOnlyKeyValueStore<String, V> global(String name) {
    return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
  }

  private int partitionOf(String customerId) {
    return CustomerPartitions.of(customerId, config.topicPartitions());
  }

  private final class Lookups implements Decider.Lookups {
    @Override
    public ProductNeighbours neighbours(String productId) {
      return OfferQueries.this.<ProductNeighbours>global(StoreNames.PRODUCT_SIMILARITY).get(productId);
    }

    @Override
    public OfferKpi kpi(String offerId) {
      return kpis(offerId);
    }
  }
}
