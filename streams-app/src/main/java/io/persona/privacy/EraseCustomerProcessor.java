package io.persona.privacy;

import io.persona.avro.ChannelConsent;
import io.persona.avro.ConsentState;
import io.persona.avro.CustomerLinks;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.CustomerProfile;
import io.persona.avro.ErasureReceipt;
import io.persona.avro.ErasureRequest;
import io.persona.decide.DueTimers;
import io.persona.decide.OfferSettings;
import io.persona.decide.OfferTimers;
import io.persona.decide.StableHash;
import io.persona.decide.Timer;
import io.persona.ingest.InvalidEventException;
import io.persona.profile.DecodedProfileStore;
import io.persona.topology.CustomerPartitions;
import io.persona.topology.StoreCatalog;
import io.persona.topology.StoreNames;
import io.persona.topology.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Erases a customer from every store of their task, on request or after too long without activity (stream time):
 * profile, duplicate filter, offer state (caps, cooldowns, attribution, learned responses), pending timers, consent
 * and links. Each delete is a tombstone in the store's changelog.
 *
 * <p>In: customer id -> {@link ErasureRequest}. Out ({@link ErasureStep}): tombstones for each channel on
 * {@code consent-changes} (the profile's tombstone reaches {@code customer-profiles} from the store's changelog); an unlink per anonymous id, for the identity task that owns it;
 * an {@link ErasureReceipt}. Offer KPIs keep their counts: they hold no customer id.
 */
public final class EraseCustomerProcessor implements Processor<String, ErasureRequest, String, ErasureStep> {
  /** Stores keyed by customer whose erasure does more than delete the key: tombstones, timers, unlinks. */
  static final Set<String> CLEARED_WITH_MORE = Set.of(StoreNames.CUSTOMER_PROFILES, StoreNames.CUSTOMER_OFFER_STATE,
      StoreNames.CONSENT, StoreNames.CUSTOMER_LINKS);
  /** Indexes whose keys end with the customer id, each cleared by code of its own below. */
  public static final Set<String> INDEXES_CLEARED = Set.of(StoreNames.OFFER_TIMERS, StoreNames.CUSTOMER_INACTIVITY);

  private final OfferTimers offerTimers;
  private final Duration inactiveRetention;
  private final Duration scanInterval;
  private ProcessorContext<String, ErasureStep> context;
  private DecodedProfileStore profiles;
  /** The customer's stores that erasure clears by deleting the key alone, in the catalog's order. */
  private final Map<String, KeyValueStore<String, ?>> keyedByCustomer = new LinkedHashMap<>();
  private KeyValueStore<String, CustomerOfferState> offerStates;
  private KeyValueStore<String, ConsentState> consents;
  private KeyValueStore<String, CustomerLinks> links;
  private DueTimers timers;
  private ExpiryIndex inactivity;
  private KeyValueStore<String, byte[]> erasedMarkers;

  public EraseCustomerProcessor(OfferSettings offers, Duration inactiveRetention, Duration scanInterval) {
    this.offerTimers = new OfferTimers(offers);
    this.inactiveRetention = inactiveRetention;
    this.scanInterval = scanInterval;
  }

  @Override
  public void init(ProcessorContext<String, ErasureStep> context) {
    this.context = context;
    this.profiles = context.getStateStore(StoreNames.CUSTOMER_PROFILES);
    for (StoreCatalog.Store<?> store : StoreCatalog.keyedByCustomer()) {
      if (!CLEARED_WITH_MORE.contains(store.name())) {
        keyedByCustomer.put(store.name(), context.getStateStore(store.name()));
      }
    }
    this.offerStates = context.getStateStore(StoreNames.CUSTOMER_OFFER_STATE);
    this.consents = context.getStateStore(StoreNames.CONSENT);
    this.links = context.getStateStore(StoreNames.CUSTOMER_LINKS);
    this.timers = new DueTimers(context.getStateStore(StoreNames.OFFER_TIMERS));
    this.inactivity = new ExpiryIndex(context.getStateStore(StoreNames.CUSTOMER_INACTIVITY));
    this.erasedMarkers = context.getStateStore(StoreNames.ERASED_CUSTOMERS);
    context.schedule(scanInterval, PunctuationType.STREAM_TIME, this::retire);
  }

  @Override
  public void process(Record<String, ErasureRequest> record) {
    ErasureRequest request = record.value();
    if (request == null) {
      throw new InvalidEventException("record value is missing");
    }
    if (record.key() == null || !record.key().equals(request.getCustomerId()) || request.getRequestId().isBlank()) {
      throw new InvalidEventException("record key must be the customerId, and requestId must not be blank");
    }
    Instant at = Instant.ofEpochMilli(Math.max(record.timestamp(), context.currentStreamTimeMs()));
    erase(request.getCustomerId(), request.getRequestId(), request.getRequestedAt(), at);
    ErasureGate.mark(erasedMarkers, request.getCustomerId(), at); // on request only: retention is no objection to later processing
  }

  /** Retention: customers inactive for longer than allowed are erased like on request. */
  private void retire(long streamTime) {
    Instant now = Instant.ofEpochMilli(streamTime);
    for (String customerId : inactivity.takeExpiredBefore(now)) {
      CustomerProfile profile = profiles.get(customerId);
      if (profile == null) {
        continue;
      }
      Instant expiry = profile.getLastSeen().plus(inactiveRetention);
      if (expiry.isBefore(now)) {
        String requestId = StableHash.uuid("retention", customerId, profile.getLastSeen().toString()).toString();
        erase(customerId, requestId, expiry, now);
      } else {
        inactivity.move(customerId, null, expiry); // active again since it was indexed
      }
    }
  }

  private void erase(String customerId, String requestId, Instant requestedAt, Instant at) {
    Set<String> cleared = new LinkedHashSet<>();
    List<String> tombstoned = new ArrayList<>();
    CustomerProfile profile = profiles.get(customerId);
    if (profile != null) {
      inactivity.remove(customerId, profile.getLastSeen().plus(inactiveRetention));
      profiles.delete(customerId);
      cleared.add(StoreNames.CUSTOMER_PROFILES);
      cleared.add(StoreNames.CUSTOMER_INACTIVITY);
      tombstoned.add(Topics.CUSTOMER_PROFILES.name()); // published from the store's changelog by the learning app
    }
    keyedByCustomer.forEach((name, store) -> {
      if (store.delete(customerId) != null) {
        cleared.add(name);
      }
    });
    CustomerOfferState offerState = offerStates.delete(customerId);
    if (offerState != null) {
      cleared.add(StoreNames.CUSTOMER_OFFER_STATE);
      for (Timer timer : offerTimers.pending(offerState)) {
        timers.cancel(timer);
      }
      cleared.add(StoreNames.OFFER_TIMERS);
    }
    ConsentState consent = consents.delete(customerId);
    if (consent != null) {
      cleared.add(StoreNames.CONSENT);
      consent.getChanges().stream().map(ChannelConsent::getChannel).distinct().forEach(channel -> {
        String key = CustomerPartitions.consentKey(customerId, channel);
        forward(key, new ErasureStep.Tombstone(Topics.CONSENT_CHANGES.name(), key), at);
      });
      tombstoned.add(Topics.CONSENT_CHANGES.name());
    }
    CustomerLinks linked = links.delete(customerId);
    int unlinked = 0;
    if (linked != null) {
      cleared.add(StoreNames.CUSTOMER_LINKS);
      for (String anonymousId : linked.getAnonymousIds()) {
        forward(anonymousId, new ErasureStep.Unlink(anonymousId, customerId), at);
        unlinked++;
      }
    }
    ErasureReceipt receipt = new ErasureReceipt(requestId, requestedAt, at, new ArrayList<>(cleared), unlinked,
        tombstoned);
    forward(requestId, new ErasureStep.Receipt(receipt), at);
  }

  private void forward(String key, ErasureStep step, Instant at) {
    context.forward(new Record<>(key, step, at.toEpochMilli()));
  }
}
