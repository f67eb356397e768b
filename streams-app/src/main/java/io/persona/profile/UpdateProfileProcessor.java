package io.persona.profile;

import io.persona.avro.CustomerProfile;
import io.persona.avro.PosTransaction;
import io.persona.avro.RecentEventIds;
import io.persona.avro.SeenEvent;
import io.persona.metrics.AppMetrics;
import io.persona.privacy.Consents;
import io.persona.privacy.ErasureGate;
import io.persona.privacy.ExpiryIndex;
import io.persona.topology.StoreCatalog;
import io.persona.topology.StoreNames;
import io.persona.topology.StoreSets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Reads a customer's profile, applies one change, stores it and forwards it: one read and one write per event, of
 * decoded profiles (encoded once per commit).
 *
 * <p>In: customer id -> {@link ProfileChange}. Out: customer id -> {@link ProfileUpdate} (the change and the profile after it). Stores:
 * {@link StoreNames#CUSTOMER_PROFILES} (RocksDB, changelogged, cached, with the latest profiles kept decoded: see
 * {@link DecodedProfileStore}); its changelog, one record per customer and commit, is what the learning app
 * publishes on {@code customer-profiles}; {@link StoreNames#BASKET_DEDUP} holds the basket ids counted within
 * the duplicate window, read and written for baskets only, and never published;
 * {@link StoreNames#CUSTOMER_INACTIVITY} indexes customers by the day they become inactive for too long (written when
 * that day changes), for retention; {@link StoreNames#ERASED_CUSTOMERS} and {@link StoreNames#CONSENT} are read only
 * when a customer has no profile (see {@link ErasureGate}).
 */
final class UpdateProfileProcessor implements Processor<String, ProfileChange, String, ProfileUpdate> {
  /** Decoded profiles a task keeps: a shopper's session of clicks decodes their profile once. */
  static final int DECODED_PROFILES_PER_TASK = 4_096;

  private final ProfileUpdater updater;
  private final ProfileSettings settings;
  private final Duration inactiveRetention;
  private final Consents consents;
  private final AppMetrics metrics;
  private ProcessorContext<String, ProfileUpdate> context;
  private DecodedProfileStore profiles;
  private KeyValueStore<String, RecentEventIds> countedBaskets;
  private ExpiryIndex inactivity;
  private ErasureGate erasureGate;

  UpdateProfileProcessor(ProfileSettings settings, Duration inactiveRetention, Consents consents,
      AppMetrics metrics) {
    this.settings = settings;
    this.inactiveRetention = inactiveRetention;
    this.consents = consents;
    this.metrics = metrics;
    this.updater = new ProfileUpdater(settings);
  }

  @Override
  public void init(ProcessorContext<String, ProfileUpdate> context) {
    this.context = context;
    this.profiles = context.getStateStore(StoreNames.CUSTOMER_PROFILES);
    this.countedBaskets = context.getStateStore(StoreNames.BASKET_DEDUP);
    this.inactivity = new ExpiryIndex(context.getStateStore(StoreNames.CUSTOMER_INACTIVITY));
    this.erasureGate = new ErasureGate(context.getStateStore(StoreNames.ERASED_CUSTOMERS),
        context.getStateStore(StoreNames.CONSENT), consents);
  }

  @Override
  public void process(Record<String, ProfileChange> record) {
    CustomerProfile current = profiles.get(record.key());
    if (current == null && !erasureGate.admits(record.key(), Instant.ofEpochMilli(record.timestamp()))) {
      return; // erased on request, and no consent since: no new profile
    }
    if (record.value() instanceof ProfileChange.Basket basket && countedBefore(record.key(), basket.basket())) {
      return;
    }
    Instant inactiveFrom = current == null ? null : current.getLastSeen().plus(inactiveRetention);
    ProfileChange change = record.value();
    CustomerProfile updated = profiles.update(record.key(), profile -> change.applyTo(record.key(), profile, updater));
    metrics.events(change.kind(), change.events());
    inactivity.move(record.key(), inactiveFrom, updated.getLastSeen().plus(inactiveRetention));
    context.forward(record.withValue(new ProfileUpdate(record.value(), updated)));
  }

  /** True for a POS retry; otherwise remembers the basket as counted. */
  private boolean countedBefore(String customerId, PosTransaction basket) {
    RecentEventIds counted = countedBaskets.get(customerId);
    List<SeenEvent> ids = counted == null ? List.of() : counted.getIds();
    if (RecentEvents.isDuplicate(ids, basket.getTransactionId(), basket.getEventTime(), settings.dedupWindow())) {
      return true;
    }
    countedBaskets.put(customerId, new RecentEventIds(RecentEvents.remember(ids, basket.getTransactionId(),
        basket.getEventTime(), settings.dedupWindow(), settings.maxRemembered())));
    return false;
  }

  /** Supplies the processor together with the store it owns, so wiring cannot forget the store. */
  public static final class Supplier implements ProcessorSupplier<String, ProfileChange, String, ProfileUpdate> {
    private final ProfileSettings settings;
    private final Duration inactiveRetention;
    private final Consents consents;
    private final AppMetrics metrics;
    private final boolean writeBack;

    /** @param writeBack profiles encoded at commit (exactly-once) instead of on every change (at-least-once) */
    public Supplier(ProfileSettings settings, Duration inactiveRetention, Consents consents, AppMetrics metrics,
        boolean writeBack) {
      this.settings = settings;
      this.inactiveRetention = inactiveRetention;
      this.consents = consents;
      this.metrics = metrics;
      this.writeBack = writeBack;
    }

    @Override
    public Processor<String, ProfileChange, String, ProfileUpdate> get() {
      return new UpdateProfileProcessor(settings, inactiveRetention, consents, metrics);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return StoreSets.of(
          DecodedProfileStore.builder(StoreCatalog.CUSTOMER_PROFILES.uncached(),
              DECODED_PROFILES_PER_TASK, writeBack).withCachingEnabled(),
          StoreCatalog.BASKET_DEDUP.builder(),
          StoreCatalog.CUSTOMER_INACTIVITY.builder(),
          StoreCatalog.ERASED_CUSTOMERS.builder());
    }
  }
}
