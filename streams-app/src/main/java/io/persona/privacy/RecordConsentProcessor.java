package io.persona.privacy;

import io.persona.avro.Channel;
import io.persona.avro.ConsentChange;
import io.persona.avro.ConsentState;
import io.persona.ingest.EventValidator;
import io.persona.ingest.InvalidEventException;
import io.persona.topology.CustomerPartitions;
import io.persona.topology.StoreCatalog;
import io.persona.topology.StoreNames;
import io.persona.topology.StoreSets;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Keeps each customer's consent per channel, read when an offer is decided.
 *
 * <p>In: {@code <customerId>/<channel>} -> {@link ConsentChange}, in the customer's partition; a tombstone forgets
 * the channel (erasure). An invalid change goes to the dead letters. Store: {@link StoreNames#CONSENT}.
 */
final class RecordConsentProcessor implements Processor<String, ConsentChange, Void, Void> {
  private final EventValidator validator;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, ConsentState> consents;

  RecordConsentProcessor(EventValidator validator) {
    this.validator = validator;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.consents = context.getStateStore(StoreNames.CONSENT);
  }

  @Override
  public void process(Record<String, ConsentChange> record) {
    if (record.key() == null) {
      throw new InvalidEventException("record key is missing");
    }
    String customerId = CustomerPartitions.customerOf(record.key());
    ConsentState state = consents.get(customerId);
    if (record.value() == null) {
      forget(state, record.key());
      return;
    }
    validator.check(record.key(), record.value(), record.timestamp()).ifPresent(reason -> {
      throw new InvalidEventException(reason);
    });
    consents.put(customerId, Consents.apply(state, customerId, record.value()));
  }

  private void forget(ConsentState state, String key) {
    if (state == null) {
      return;
    }
    String channel = key.substring(key.lastIndexOf(CustomerPartitions.SEPARATOR) + 1);
    ConsentState rest = Consents.forget(state, Channel.valueOf(channel));
    if (rest.getChanges().isEmpty()) {
      consents.delete(state.getCustomerId());
    } else {
      consents.put(state.getCustomerId(), rest);
    }
  }

  /** Supplies the processor with the store it owns. */
  public static final class Supplier implements ProcessorSupplier<String, ConsentChange, Void, Void> {
    private final EventValidator validator;

    public Supplier(EventValidator validator) {
      this.validator = validator;
    }

    @Override
    public Processor<String, ConsentChange, Void, Void> get() {
      return new RecordConsentProcessor(validator);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return StoreSets.of(StoreCatalog.CONSENT.builder());
    }
  }
}
