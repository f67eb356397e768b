package io.persona.processors;

import io.persona.avro.CustomerProfile;
import io.persona.profile.ProfileChange;
import io.persona.profile.ProfileUpdater;
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
 * <p>In: customer id -> {@link ProfileChange}. Out: customer id -> {@link CustomerProfile}. Store: {@link
 * StoreNames#CUSTOMER_PROFILES} (RocksDB, changelogged, cached).
 */
public final class UpdateProfileProcessor implements Processor<String, ProfileChange, String, CustomerProfile> {
  private final ProfileUpdater updater;
  private ProcessorContext<String, CustomerProfile> context;
  private KeyValueStore<String, CustomerProfile> profiles;

  UpdateProfileProcessor(ProfileUpdater updater) {
    this.updater = updater;
  }

  @Override
  public void init(ProcessorContext<String, CustomerProfile> context) {
    this.context = context;
    this.profiles = context.getStateStore(StoreNames.CUSTOMER_PROFILES);
  }

  @Override
  public void process(Record<String, ProfileChange> record) {
    Optional<CustomerProfile> updated = record.value().applyTo(record.key(), profiles.get(record.key()), updater);
    if (updated.isPresent()) {
      profiles.put(record.key(), updated.get());
      context.forward(record.withValue(updated.get()));
    }
  }

  /** Supplies the processor together with the store it owns, so wiring cannot forget the store. */
  public static final class Supplier implements ProcessorSupplier<String, ProfileChange, String, CustomerProfile> {
    private final ProfileUpdater updater;

    public Supplier(ProfileUpdater updater) {
      this.updater = updater;
    }

    @Override
    public Processor<String, ProfileChange, String, CustomerProfile> get() {
      return new UpdateProfileProcessor(updater);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CUSTOMER_PROFILES),
          Serdes.String(), Topics.CUSTOMER_PROFILES.valueSerde()).withCachingEnabled());
    }
  }
}
