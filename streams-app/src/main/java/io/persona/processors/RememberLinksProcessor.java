package io.persona.processors;

import io.persona.avro.CustomerLinks;
import io.persona.avro.ProfileDelta;
import io.persona.serde.AvroSerde;
import io.persona.topology.StoreNames;
import java.util.ArrayList;
import java.util.List;
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
 * Remembers which anonymous ids are linked to each customer, so that an erasure reaches them.
 *
 * <p>In: customer id -> {@link ProfileDelta} carrying a new link (one per link, not per click). Store:
 * {@link StoreNames#CUSTOMER_LINKS}.
 */
public final class RememberLinksProcessor implements Processor<String, ProfileDelta, Void, Void> {
  /** More than any real customer has; the oldest links drop out first (they also expire in identity-store). */
  static final int MAX_LINKS = 100;

  private KeyValueStore<String, CustomerLinks> links;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.links = context.getStateStore(StoreNames.CUSTOMER_LINKS);
  }

  @Override
  public void process(Record<String, ProfileDelta> record) {
    CustomerLinks current = links.get(record.key());
    List<String> ids = new ArrayList<>(current == null ? List.of() : current.getAnonymousIds());
    String anonymousId = record.value().getLinkedAnonymousId();
    if (ids.contains(anonymousId)) {
      return;
    }
    ids.add(anonymousId);
    while (ids.size() > MAX_LINKS) {
      ids.remove(0);
    }
    links.put(record.key(), new CustomerLinks(record.key(), ids));
  }

  /** Supplies the processor with the store it owns. */
  public static final class Supplier implements ProcessorSupplier<String, ProfileDelta, Void, Void> {
    @Override
    public Processor<String, ProfileDelta, Void, Void> get() {
      return new RememberLinksProcessor();
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return StoreSets.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CUSTOMER_LINKS),
          Serdes.String(), AvroSerde.of(CustomerLinks.class)).withCachingEnabled());
    }
  }
}
