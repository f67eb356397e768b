package io.persona.profile;

import io.persona.avro.CustomerProfile;
import io.persona.serde.AvroSerde;
import io.persona.topology.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The profile store seen as decoded profiles, written back at commit. Decoding and encoding a profile are the largest
 * costs of an event, so the task keeps the profiles it read or wrote last, decoded, for as long as its store is open
 * (at most {@code capacity}, least recently used out first), and encodes a changed profile once per commit (when the
 * commit flushes this store, or when it leaves the decoded set), not once per event. The cached and changelogged
 * RocksDB store below therefore holds every profile as of the last commit; a task that closes dirty (a rebalance, an
 * aborted transaction) drops its copies, changes included, as Kafka's record cache does.
 *
 * <p>Processors update a profile in place through {@link #update}, which keeps the changes since the last flush of a
 * key: a change that fails part-way is undone by decoding the stored bytes and applying those changes again, so
 * what was processed before it is kept and the failed change leaves no trace. The decoded copies are the processing
 * thread's only: an interactive query from another thread decodes the stored bytes (at most a commit interval old).
 * Not a {@code KeyValueStore}, so that processors get this store itself from their context, not Kafka's read-write
 * wrapper; a {@link WrappedStateStore} (Kafka's internal base of its own store layers), so that the commit flushes
 * it, and the record cache below, before the transaction ends.
 */
public final class DecodedProfileStore extends WrappedStateStore<KeyValueStore<String, byte[]>, String, CustomerProfile>
    implements ReadOnlyKeyValueStore<String, CustomerProfile> {
  private final KeyValueStore<String, byte[]> bytes;
  private final AvroSerde<CustomerProfile> serde = Topics.CUSTOMER_PROFILES.valueSerde();
  private final Map<String, CustomerProfile> decoded;
  private final boolean writeBack;
  /** Keys changed since the last flush, with the changes that made them, in order. */
  private final Map<String, List<UnaryOperator<CustomerProfile>>> unflushed = new HashMap<>();
  private volatile Thread owner;

  DecodedProfileStore(KeyValueStore<String, byte[]> bytes, int capacity, boolean writeBack) {
    super(bytes);
    this.bytes = bytes;
    this.writeBack = writeBack;
    this.decoded = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, CustomerProfile> eldest) {
        if (size() <= capacity) {
          return false;
        }
        if (unflushed.remove(eldest.getKey()) != null) {
          bytes.put(eldest.getKey(), serde.encode(eldest.getValue()));
        }
        return true;
      }
    };
  }

  /**
   * A builder over the byte store's own, so caching and logging are configured as for any store.
   *
   * @param writeBack encode changed profiles at commit (exactly-once); otherwise on every change (at-least-once,
   *     where what the record cache writes to the changelog before a crash stays: a click's duplicate-filter entry
   *     must not outlive the profile change it stood for)
   */
  public static StoreBuilder<DecodedProfileStore> builder(
      StoreBuilder<KeyValueStore<String, byte[]>> bytes, int capacity, boolean writeBack) {
    return new Builder(bytes, capacity, writeBack);
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

  /**
   * Applies {@code change} to the profile of {@code key} (null when there is none) and keeps the result, to be
   * written at the next flush. A change that throws leaves the profile as it was before it.
   *
   * @param change updates the profile in place or returns a new one; must give the same result when applied again
   *     to the same profile (it is replayed if a later change of the same key fails)
   */
  public CustomerProfile update(String key, UnaryOperator<CustomerProfile> change) {
    if (owner == null) {
      owner = Thread.currentThread(); // only the thread that processes the task writes
    }
    CustomerProfile updated;
    try {
      updated = change.apply(get(key));
    } catch (RuntimeException e) {
      undoUnflushed(key);
      throw e;
    }
    decoded.put(key, updated);
    if (writeBack) {
      unflushed.computeIfAbsent(key, k -> new ArrayList<>(4)).add(change);
    } else {
      bytes.put(key, serde.encode(updated));
    }
    return updated;
  }

  public CustomerProfile delete(String key) {
    discard(key);
    return decode(bytes.delete(key));
  }

  /** Encodes every profile changed since the last flush into the store below. */
  private void encodeUnflushed() {
    for (String key : unflushed.keySet()) {
      bytes.put(key, serde.encode(decoded.get(key)));
    }
    unflushed.clear();
  }

  /** The profile of {@code key} as its successful changes left it: the stored bytes, and those changes again. */
  private void undoUnflushed(String key) {
    decoded.remove(key);
    List<UnaryOperator<CustomerProfile>> changes = unflushed.remove(key);
    if (changes == null) {
      return;
    }
    CustomerProfile profile = decode(bytes.get(key));
    for (UnaryOperator<CustomerProfile> change : changes) {
      profile = change.apply(profile);
    }
    unflushed.put(key, changes);
    decoded.put(key, profile);
  }

  private void discard(String key) {
    if (Thread.currentThread() == owner) {
      unflushed.remove(key);
      decoded.remove(key);
    }
  }

  @Override
  public void flushCache() {
    encodeUnflushed();
    super.flushCache();
  }

  @Override
  public void flush() {
    encodeUnflushed();
    super.flush();
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
    unflushed.clear();
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
    private final boolean writeBack;

    Builder(StoreBuilder<KeyValueStore<String, byte[]>> bytes, int capacity, boolean writeBack) {
      this.bytes = bytes;
      this.capacity = capacity;
      this.writeBack = writeBack;
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
      return new DecodedProfileStore(bytes.build(), capacity, writeBack);
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
