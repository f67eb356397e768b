package io.persona.identity;

import io.persona.avro.ClickEvent;
import io.persona.avro.IdentityState;
import io.persona.avro.ProfileDelta;
import io.persona.identity.IdentityResolver.Resolution;
import io.persona.privacy.ExpiryIndex;
import io.persona.topology.StoreCatalog;
import io.persona.topology.StoreNames;
import io.persona.topology.StoreSets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves whom each click counts for and re-keys it to that customer.
 *
 * <p>In: anonymous id -> {@link DeviceClick}: a click keyed by its device, or a login already counted in its
 * customer's task (from {@code identity-logins}). Out: customer id -> ProfileDelta (the click unless already counted,
 * and once per link the anonymous activity before it and the link). Stores: {@link StoreNames#IDENTITY} (anonymous id -> IdentityState), one read and one write per
 * click; {@link StoreNames#IDENTITY_EXPIRY}, written only when an entry's expiry day changes. Entries expire on
 * stream time.
 */
public final class ResolveIdentityProcessor implements Processor<String, DeviceClick, String, ProfileDelta> {
  private static final Logger LOG = LoggerFactory.getLogger(ResolveIdentityProcessor.class);

  private final IdentityResolver resolver;
  private final Duration expiryScanInterval;
  private ProcessorContext<String, ProfileDelta> context;
  private KeyValueStore<String, IdentityState> identities;
  private ExpiryIndex expiries;

  ResolveIdentityProcessor(IdentityResolver resolver, Duration expiryScanInterval) {
    this.resolver = resolver;
    this.expiryScanInterval = expiryScanInterval;
  }

  @Override
  public void init(ProcessorContext<String, ProfileDelta> context) {
    this.context = context;
    this.identities = context.getStateStore(StoreNames.IDENTITY);
    this.expiries = new ExpiryIndex(context.getStateStore(StoreNames.IDENTITY_EXPIRY));
    context.schedule(expiryScanInterval, PunctuationType.STREAM_TIME, this::expire);
  }

  @Override
  public void process(Record<String, DeviceClick> record) {
    ClickEvent click = record.value().click();
    IdentityState current = identities.get(record.key());
    Instant expiredAt = current == null ? null : resolver.expiresAt(current);
    int linkedBefore = current == null ? 0 : current.getLinkedCustomerIds().size();
    Resolution resolution = resolver.resolve(current, click);
    if (resolution.duplicate()) {
      return;
    }
    identities.put(record.key(), resolution.state());
    expiries.move(record.key(), expiredAt, resolver.expiresAt(resolution.state()));
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
      context.forward(record.withKey(customerId).withValue(
          new ProfileDelta(customerId, null, resolution.folded(), null)));
    }
    if (resolution.state().getLinkedCustomerIds().size() > linkedBefore) {
      context.forward(record.withKey(customerId).withValue(new ProfileDelta(customerId, null, null, record.key())));
    }
    if (!record.value().alreadyCounted()) {
      context.forward(record.withKey(customerId).withValue(new ProfileDelta(customerId, click, null, null)));
    }
  }

  private void expire(long streamTime) {
    Instant now = Instant.ofEpochMilli(streamTime);
    for (String anonymousId : expiries.takeExpiredBefore(now)) {
      IdentityState state = identities.get(anonymousId);
      if (state != null && resolver.expired(state, now)) {
        identities.delete(anonymousId);
      } else if (state != null) {
        expiries.move(anonymousId, null, resolver.expiresAt(state)); // not due after all (a longer TTL since)
      }
    }
  }

  /** Supplies the processor with the store it owns. */
  public static final class Supplier implements ProcessorSupplier<String, DeviceClick, String, ProfileDelta> {
    private final IdentityResolver resolver;
    private final Duration expiryScanInterval;

    public Supplier(IdentityResolver resolver, Duration expiryScanInterval) {
      this.resolver = resolver;
      this.expiryScanInterval = expiryScanInterval;
    }

    @Override
    public Processor<String, DeviceClick, String, ProfileDelta> get() {
      return new ResolveIdentityProcessor(resolver, expiryScanInterval);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return StoreSets.of(
          StoreCatalog.IDENTITY.builder(),
          StoreCatalog.IDENTITY_EXPIRY.builder());
    }
  }
}
