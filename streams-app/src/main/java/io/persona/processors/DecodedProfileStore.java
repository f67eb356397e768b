package io.persona.processors;

import io.persona.avro.CustomerProfile;
import io.persona.serde.AvroSerde;
import io.persona.topology.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The profile store seen as decoded profiles. Decoding a warm profile is the largest cost of an event, so the task
 * keeps the profiles it read or wrote last, decoded, for as long as its store is open (at most {@code capacity}, least
 * recently used out first). Every write goes through at once, encoded, to the cached and changelogged RocksDB store
 * below, so the stored bytes and the decoded copies never differ, and a task that closes (a rebalance, an aborted
 * transaction) drops its copies and starts again from the store.
 *
 * <p>Processors update a profile in place, so the decoded copies are the processing thread's only: an interactive
 * query from another thread decodes the stored bytes, and a processor that fails part-way through an update calls
 * {@link #forget}. Not a {@code KeyValueStore}, so that processors get this store itself from their context, not
 * Kafka's read-write wrapper, which would hide {@link #forget}; a {@link WrappedStateStore} (Kafka's internal base of
 * its own store layers), so that the commit flushes the record cache below before the transaction ends.
 */
public final class DecodedProfileStore extends WrappedStateStore<KeyValueStore<String, byte[]>, String, CustomerProfile>
    implements ReadOnlyKeyValueStore<String, CustomerProfile> {
  private final KeyValueStore<String, byte[]> bytes;
  private final AvroSerde<CustomerProfile> serde = Topics.CUSTOMER_PROFILES.valueSerde();
  private final Map<String, CustomerProfile> decoded;
  private volatile Thread owner;

  DecodedProfileStore(KeyValueStore<String, byte[]> bytes, int capacity) {
    super(bytes);
    this.bytes = bytes;
    this.decoded = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, CustomerProfile> eldest) {
        return size() > capacity;
      }
    };
  }

  /** A builder over the byte store's own, so caching and logging are configured as for any store. */
  public static StoreBuilder<DecodedProfileStore> builder(
      StoreBuilder<KeyValueStore<String, byte[]>> bytes, int capacity) {
    return new Builder(bytes, capacity);
  }

  @Override
  public CustomerProfile get(String key) {
    boolean processing = Thread.currentThread() == owner;
    if (processing) {
      CustomerProfile profile = decoded.get(key);
      if (profile != null) {
        return profile;
      }
    }
    CustomerProfile profile = decode(bytes.get(key));
    if (processing && profile != null) {
      decoded.put(key, profile);
    }
    return profile;
  }

  public void put(String key, CustomerProfile value) {
    if (value == null) {
      delete(key);
      return;
    }
    if (owner == null) {
      owner = Thread.currentThread(); // only the thread that processes the task writes
    }
    bytes.put(key, serde.encode(value));
    if (Thread.currentThread() == owner) {
      decoded.put(key, value);
    }
  }

  /** Drops the decoded copy, so the next read decodes the stored bytes: for an update that failed part-way. */
  public void forget(String key) {
    if (Thread.currentThread() == owner) {
      decoded.remove(key);
    }
  }

  public CustomerProfile delete(String key) {
    forget(key);
    return decode(bytes.delete(key));
  }

  @Override
  public KeyValueIterator<String, CustomerProfile> range(String from, String to) {
    return new Decoding(bytes.range(from, to));
  }

  @Override
  public KeyValueIterator<String, CustomerProfile> all() {
    return new Decoding(bytes.all());
  }

  @Override
  public long approximateNumEntries() {
    return bytes.approximateNumEntries();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    clear();
    super.init(context, root);
  }

  @Override
  public void clearCache() {
    clear(); // a task closed dirty: what was not committed is gone, from the record cache and from here
    super.clearCache();
  }

  @Override
  public void close() {
    clear();
    super.close();
  }

  private void clear() {
    owner = null;
    decoded.clear();
  }

  private CustomerProfile decode(byte[] stored) {
    return stored == null ? null : serde.decode(stored);
  }

  private final class Decoding implements KeyValueIterator<String, CustomerProfile> {
    private final KeyValueIterator<String, byte[]> stored;

    Decoding(KeyValueIterator<String, byte[]> stored) {
      this.stored = stored;
    }

    @Override
    public boolean hasNext() {
      return stored.hasNext();
    }

    @Override
    public KeyValue<String, CustomerProfile> next() {
      KeyValue<String, byte[]> next = stored.next();
      return KeyValue.pair(next.key, decode(next.value));
    }

    @Override
    public String peekNextKey() {
      return stored.peekNextKey();
    }

    @Override
    public void close() {
      stored.close();
    }
  }

  private static final class Builder implements StoreBuilder<DecodedProfileStore> {
    private final StoreBuilder<KeyValueStore<String, byte[]>> bytes;
    private final int capacity;

    Builder(StoreBuilder<KeyValueStore<String, byte[]>> bytes, int capacity) {
      this.bytes = bytes;
      this.capacity = capacity;
    }

    @Override
    public StoreBuilder<DecodedProfileStore> withCachingEnabled() {
      bytes.withCachingEnabled();
      return this;
    }

    @Override
    public StoreBuilder<DecodedProfileStore> withCachingDisabled() {
      bytes.withCachingDisabled();
      return this;
    }

    @Override
    public StoreBuilder<DecodedProfileStore> withLoggingEnabled(Map<String, String> config) {
      bytes.withLoggingEnabled(config);
      return this;
    }

    @Override
    public StoreBuilder<DecodedProfileStore> withLoggingDisabled() {
      bytes.withLoggingDisabled();
      return this;
    }

    @Override
    public DecodedProfileStore build() {
      return new DecodedProfileStore(bytes.build(), capacity);
    }

    @Override
    public Map<String, String> logConfig() {
      return bytes.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return bytes.loggingEnabled();
    }

    @Override
    public String name() {
      return bytes.name();
    }
  }
}
