package io.persona.processors;

import io.persona.avro.ClickEvent;
import io.persona.avro.IdentityState;
import io.persona.avro.ProfileDelta;
import io.persona.identity.IdentityResolver;
import io.persona.serde.AvroSerde;
import io.persona.identity.IdentityResolver.Resolution;
import io.persona.topology.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves whom each click counts for and re-keys it to that customer.
 *
 * <p>In: anonymous id -> ClickEvent. Out: customer id -> ProfileDelta (the click, and once per link the anonymous
 * activity before it). Store: {@link StoreNames#IDENTITY} (anonymous id -> IdentityState), one read and one write per
 * click; entries expire on stream time.
 */
public final class ResolveIdentityProcessor implements Processor<String, ClickEvent, String, ProfileDelta> {
  private static final Logger LOG = LoggerFactory.getLogger(ResolveIdentityProcessor.class);
  /** Entries looked at per expiry punctuation: bounded work, however large the store. */
  static final int EXPIRY_BATCH = 5_000;

  private final IdentityResolver resolver;
  private final Duration expiryScanInterval;
  private ProcessorContext<String, ProfileDelta> context;
  private KeyValueStore<String, IdentityState> identities;
  /** Where the next expiry slice starts; null for the beginning. Not persisted: a restart rescans from the start. */
  private String expiryCursor;

  ResolveIdentityProcessor(IdentityResolver resolver, Duration expiryScanInterval) {
    this.resolver = resolver;
    this.expiryScanInterval = expiryScanInterval;
  }

  @Override
  public void init(ProcessorContext<String, ProfileDelta> context) {
    this.context = context;
    this.identities = context.getStateStore(StoreNames.IDENTITY);
    context.schedule(expiryScanInterval, PunctuationType.STREAM_TIME, this::expire);
  }

  @Override
  public void process(Record<String, ClickEvent> record) {
    Resolution resolution = resolver.resolve(identities.get(record.key()), record.value());
    if (resolution.duplicate()) {
      return;
    }
    identities.put(record.key(), resolution.state());
    if (resolution.linkRefused()) {
      // Counts only, never ids: the log must not hold personal data.
      LOG.info("identity link refused: anonymous id already linked to {} customers (cap reached)",
          resolution.state().getLinkedCustomerIds().size());
    }
    String customerId = resolution.customerId();
    if (customerId == null) {
      return;
    }
    if (resolution.folded() != null) {
      context.forward(record.withKey(customerId).withValue(new ProfileDelta(customerId, null, resolution.folded())));
    }
    context.forward(record.withKey(customerId).withValue(new ProfileDelta(customerId, record.value(), null)));
  }

  /** Looks at the next slice of the store, so a full pass takes (entries / EXPIRY_BATCH) scan intervals. */
  private void expire(long streamTime) {
    Instant now = Instant.ofEpochMilli(streamTime);
    int seen = 0;
    try (KeyValueIterator<String, IdentityState> slice = identities.range(expiryCursor, null)) {
      while (slice.hasNext() && seen++ < EXPIRY_BATCH) {
        KeyValue<String, IdentityState> entry = slice.next();
        if (resolver.expired(entry.value, now)) {
          identities.delete(entry.key);
        }
      }
      expiryCursor = slice.hasNext() ? slice.peekNextKey() : null;
    }
  }

  /** Supplies the processor with the store it owns. */
  public static final class Supplier implements ProcessorSupplier<String, ClickEvent, String, ProfileDelta> {
    private final IdentityResolver resolver;
    private final Duration expiryScanInterval;

    public Supplier(IdentityResolver resolver, Duration expiryScanInterval) {
      this.resolver = resolver;
      this.expiryScanInterval = expiryScanInterval;
    }

    @Override
    public Processor<String, ClickEvent, String, ProfileDelta> get() {
      return new ResolveIdentityProcessor(resolver, expiryScanInterval);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.IDENTITY),
          Serdes.String(), AvroSerde.of(IdentityState.class)).withCachingEnabled());
    }
  }
}
