package io.persona.processors;

import io.persona.avro.CustomerProfile;
import io.persona.profile.ProfileChange;
import io.persona.profile.ProfileUpdater;
import io.persona.serde.AvroSerde;
import io.persona.topology.StoreNames;
import io.persona.topology.Topics;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Reads a customer's profile, applies one change, stores it and forwards it: one read and one write per event.
 *
 * <p>In: customer id -> {@link ProfileChange}. Out: customer id -> {@link CustomerProfile} as Avro bytes. Store:
 * {@link StoreNames#CUSTOMER_PROFILES} (RocksDB, changelogged, cached). The store holds the encoded profile and the
 * same bytes are forwarded, so each change is encoded once, not once for the store and again for the topic.
 */
public final class UpdateProfileProcessor implements Processor<String, ProfileChange, String, byte[]> {
  private final ProfileUpdater updater;
  private final AvroSerde<CustomerProfile> serde = Topics.CUSTOMER_PROFILES.valueSerde();
  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<String, byte[]> profiles;

  UpdateProfileProcessor(ProfileUpdater updater) {
    this.updater = updater;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.profiles = context.getStateStore(StoreNames.CUSTOMER_PROFILES);
  }

  @Override
  public void process(Record<String, ProfileChange> record) {
    byte[] stored = profiles.get(record.key());
    CustomerProfile current = stored == null ? null : serde.decode(stored);
    Optional<CustomerProfile> updated = record.value().applyTo(record.key(), current, updater);
    if (updated.isPresent()) {
      byte[] encoded = serde.encode(updated.get());
      profiles.put(record.key(), encoded);
      context.forward(record.withValue(encoded));
    }
  }

  /** Supplies the processor together with the store it owns, so wiring cannot forget the store. */
  public static final class Supplier implements ProcessorSupplier<String, ProfileChange, String, byte[]> {
    private final ProfileUpdater updater;

    public Supplier(ProfileUpdater updater) {
      this.updater = updater;
    }

    @Override
    public Processor<String, ProfileChange, String, byte[]> get() {
      return new UpdateProfileProcessor(updater);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CUSTOMER_PROFILES),
          Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
    }
  }
}
