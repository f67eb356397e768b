package io.persona.identity;

import io.persona.avro.IdentityState;
import io.persona.privacy.ExpiryIndex;
import io.persona.topology.StoreNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The identity side of an erasure: removes the erased customer from an anonymous id's links. An id linked to
 * nobody else is deleted with its expiry entry (its anonymous activity was folded into the erased profile); a
 * shared device keeps its other customers.
 *
 * <p>In: anonymous id -> erased customer id. Stores: {@link StoreNames#IDENTITY}, {@link StoreNames#IDENTITY_EXPIRY},
 * shared with {@link ResolveIdentityProcessor}.
 */
final class UnlinkIdentityProcessor implements Processor<String, String, Void, Void> {
  private final IdentityResolver resolver;
  private KeyValueStore<String, IdentityState> identities;
  private ExpiryIndex expiries;

  public UnlinkIdentityProcessor(IdentityResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.identities = context.getStateStore(StoreNames.IDENTITY);
    this.expiries = new ExpiryIndex(context.getStateStore(StoreNames.IDENTITY_EXPIRY));
  }

  @Override
  public void process(Record<String, String> record) {
    IdentityState state = identities.get(record.key());
    if (state == null || !state.getLinkedCustomerIds().contains(record.value())) {
      return;
    }
    List<String> others = new ArrayList<>(state.getLinkedCustomerIds());
    others.remove(record.value());
    if (others.isEmpty()) {
      expiries.remove(record.key(), resolver.expiresAt(state));
      identities.delete(record.key());
      return;
    }
    state.setLinkedCustomerIds(others);
    if (record.value().equals(state.getLastCustomerId())) {
      state.setLastCustomerId(null);
    }
    identities.put(record.key(), state);
  }
}
