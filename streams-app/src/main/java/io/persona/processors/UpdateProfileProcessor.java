package io.persona.processors;

import io.persona.avro.CustomerProfile;
import io.persona.profile.CustomerActivity;
import io.persona.profile.ProfileUpdater;
import io.persona.topology.StoreNames;
import io.persona.topology.Topics;
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
 * Reads a customer's profile, folds one activity into it, stores it and forwards it.
 *
 * <p>In: customer id -> {@link CustomerActivity}. Out: customer id -> {@link CustomerProfile}. Store: {@link
 * StoreNames#CUSTOMER_PROFILES} (RocksDB, changelogged).
 */
public final class UpdateProfileProcessor implements Processor<String, CustomerActivity, String, CustomerProfile> {
  private ProcessorContext<String, CustomerProfile> context;
  private KeyValueStore<String, CustomerProfile> profiles;

  @Override
  public void init(ProcessorContext<String, CustomerProfile> context) {
    this.context = context;
    this.profiles = context.getStateStore(StoreNames.CUSTOMER_PROFILES);
  }

  @Override
  public void process(Record<String, CustomerActivity> record) {
    CustomerProfile updated = ProfileUpdater.apply(record.key(), profiles.get(record.key()), record.value());
    profiles.put(record.key(), updated);
    context.forward(record.withValue(updated));
  }

  /** Supplies the processor together with the store it owns, so wiring cannot forget the store. */
  public static final class Supplier implements ProcessorSupplier<String, CustomerActivity, String, CustomerProfile> {
    @Override
    public Processor<String, CustomerActivity, String, CustomerProfile> get() {
      return new UpdateProfileProcessor();
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(StoreNames.CUSTOMER_PROFILES),
              Serdes.String(),
              Topics.CUSTOMER_PROFILES.valueSerde()));
    }
  }
}
