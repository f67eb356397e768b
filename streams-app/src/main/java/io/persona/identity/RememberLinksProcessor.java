package io.persona.identity;

import io.persona.avro.CustomerLinks;
import io.persona.avro.ProfileDelta;
import io.persona.topology.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Remembers which anonymous ids are linked to each customer, so that an erasure reaches them.
 *
 * <p>In: customer id -> {@link ProfileDelta} carrying a new link (one per link, not per click). Store:
 * {@link StoreNames#CUSTOMER_LINKS}, owned by {@link AnnounceLoginsProcessor}.
 */
final class RememberLinksProcessor implements Processor<String, ProfileDelta, Void, Void> {
  private KeyValueStore<String, CustomerLinks> links;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.links = context.getStateStore(StoreNames.CUSTOMER_LINKS);
  }

  @Override
  public void process(Record<String, ProfileDelta> record) {
    CustomerLinks current = links.get(record.key());
    String anonymousId = record.value().getLinkedAnonymousId();
    if (current == null || !current.getAnonymousIds().contains(anonymousId)) {
      links.put(record.key(), CustomerDevices.withLink(record.key(), current, anonymousId));
    }
  }
}
