package io.persona.topology;

import io.persona.avro.ConsentState;
import io.persona.avro.CustomerLinks;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.IdentityState;
import io.persona.avro.OfferKpi;
import io.persona.avro.ProductNeighbours;
import io.persona.avro.RecentEventIds;
import io.persona.serde.AvroSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Every persistent state store of the engine and the learning app: its name, its value serde and what its keys are.
 * Processors' suppliers build their stores from here, and erasure takes from here the stores that hold customers: a
 * store keyed by customer is erased by construction.
 */
public final class StoreCatalog {
  /** What a store's keys are, which says how erasure reaches a customer in it. */
  public enum Keys {
    /** The customer id: erasure deletes the key. */
    CUSTOMER,
    /** An index whose keys end with the customer id (due time, day): erasure removes the customer's entries itself. */
    CUSTOMER_INDEX,
    /** A keyed hash of an erased customer's id: kept on purpose, so that later events need new consent. */
    ERASURE_MARKER,
    /** A device (anonymous id), in the device's task: erasure unlinks the customer there. */
    DEVICE,
    DEVICE_INDEX,
    OFFER,
    PRODUCT
  }

  /** One store: persistent, with a record cache, its changelog compacted. */
  public record Store<V>(String name, Serde<V> valueSerde, Keys keys) {
    public StoreBuilder<KeyValueStore<String, V>> builder() {
      return uncached().withCachingEnabled();
    }

    /** Without the record cache, for a store wrapped in one of its own. */
    public StoreBuilder<KeyValueStore<String, V>> uncached() {
      return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde);
    }

    /** Whether erasure must reach this store, on the customer's own task. */
    public boolean holdsCustomers() {
      return keys == Keys.CUSTOMER || keys == Keys.CUSTOMER_INDEX || keys == Keys.ERASURE_MARKER;
    }
  }

  public static final Store<byte[]> CUSTOMER_PROFILES =
      new Store<>(StoreNames.CUSTOMER_PROFILES, Serdes.ByteArray(), Keys.CUSTOMER);
  public static final Store<RecentEventIds> BASKET_DEDUP =
      new Store<>(StoreNames.BASKET_DEDUP, AvroSerde.of(RecentEventIds.class), Keys.CUSTOMER);
  public static final Store<byte[]> CUSTOMER_CLICK_DEDUP =
      new Store<>(StoreNames.CUSTOMER_CLICK_DEDUP, Serdes.ByteArray(), Keys.CUSTOMER);
  public static final Store<CustomerOfferState> CUSTOMER_OFFER_STATE =
      new Store<>(StoreNames.CUSTOMER_OFFER_STATE, AvroSerde.of(CustomerOfferState.class), Keys.CUSTOMER);
  public static final Store<byte[]> OFFER_TIMERS =
      new Store<>(StoreNames.OFFER_TIMERS, Serdes.ByteArray(), Keys.CUSTOMER_INDEX);
  public static final Store<ConsentState> CONSENT =
      new Store<>(StoreNames.CONSENT, AvroSerde.of(ConsentState.class), Keys.CUSTOMER);
  public static final Store<CustomerLinks> CUSTOMER_LINKS =
      new Store<>(StoreNames.CUSTOMER_LINKS, AvroSerde.of(CustomerLinks.class), Keys.CUSTOMER);
  public static final Store<byte[]> CUSTOMER_INACTIVITY =
      new Store<>(StoreNames.CUSTOMER_INACTIVITY, Serdes.ByteArray(), Keys.CUSTOMER_INDEX);
  public static final Store<byte[]> ERASED_CUSTOMERS =
      new Store<>(StoreNames.ERASED_CUSTOMERS, Serdes.ByteArray(), Keys.ERASURE_MARKER);
  public static final Store<IdentityState> IDENTITY =
      new Store<>(StoreNames.IDENTITY, AvroSerde.of(IdentityState.class), Keys.DEVICE);
  public static final Store<byte[]> IDENTITY_EXPIRY =
      new Store<>(StoreNames.IDENTITY_EXPIRY, Serdes.ByteArray(), Keys.DEVICE_INDEX);
  public static final Store<OfferKpi> OFFER_BUDGETS =
      new Store<>(StoreNames.OFFER_BUDGETS, AvroSerde.of(OfferKpi.class), Keys.OFFER);
  public static final Store<OfferKpi> OFFER_LEDGER =
      new Store<>(StoreNames.OFFER_LEDGER, AvroSerde.of(OfferKpi.class), Keys.OFFER);
  public static final Store<ProductNeighbours> CO_PURCHASES =
      new Store<>(StoreNames.CO_PURCHASES, AvroSerde.of(ProductNeighbours.class), Keys.PRODUCT);

  /** In the order erasure connects them (the golden topology pins it). */
  public static final List<Store<?>> ALL = List.of(CUSTOMER_PROFILES, BASKET_DEDUP, CUSTOMER_CLICK_DEDUP,
      CUSTOMER_OFFER_STATE, OFFER_TIMERS, CONSENT, CUSTOMER_LINKS, CUSTOMER_INACTIVITY, ERASED_CUSTOMERS, IDENTITY,
      IDENTITY_EXPIRY, OFFER_BUDGETS, OFFER_LEDGER, CO_PURCHASES);

  private StoreCatalog() {}

  /** The names of the stores erasure reaches on the customer's task. */
  public static String[] holdingCustomers() {
    return ALL.stream().filter(Store::holdsCustomers).map(Store::name).toArray(String[]::new);
  }

  /** The stores keyed by the customer id itself, which erasure clears by deleting the key. */
  public static List<Store<?>> keyedByCustomer() {
    return ALL.stream().filter(store -> store.keys() == Keys.CUSTOMER).toList();
  }
}
