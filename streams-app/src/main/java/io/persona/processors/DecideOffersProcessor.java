package io.persona.processors;

import io.persona.avro.ConsentState;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.CustomerProfile;
import io.persona.avro.LedgerEntry;
import io.persona.avro.OfferKpi;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OfferSend;
import io.persona.avro.OfferTrigger;
import io.persona.avro.OutcomeType;
import io.persona.avro.PosTransaction;
import io.persona.avro.ProductNeighbours;
import io.persona.learning.Attribution;
import io.persona.learning.Outcomes;
import io.persona.offers.Decider;
import io.persona.offers.Decider.Decision;
import io.persona.offers.OfferMemory;
import io.persona.offers.OfferSettings;
import io.persona.offers.OfferViews;
import io.persona.metrics.AppMetrics;
import io.persona.privacy.Consents;
import io.persona.processors.DueTimers.Timer;
import io.persona.profile.ProfileChange;
import io.persona.profile.ProfileUpdate;
import io.persona.serde.AvroSerde;
import io.persona.topology.StoreNames;
import io.persona.topology.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Decides offers as profiles change and as stream time passes, and learns from the baskets that answer them.
 *
 * <p>In: customer id -> {@link ProfileUpdate}. Out: offer id -> {@link LedgerEntry} (decisions and outcomes, for the
 * ledger that owns the offer and its budget) and customer id -> {@link OfferOutcome} (redeemed, converted, ignored).
 * Stores: {@link StoreNames#CUSTOMER_OFFER_STATE}, read and written per event; {@link StoreNames#OFFER_TIMERS} for
 * abandoned carts, digests and closing attribution windows; {@link StoreNames#CUSTOMER_PROFILES} read when a timer
 * fires; {@link StoreNames#CONSENT} read when deciding (default deny); the global similarity and KPI stores. Caps, cooldowns and the decision are written in
 * the same transaction as the ledger entry.
 */
public final class DecideOffersProcessor implements Processor<String, ProfileUpdate, String, SpecificRecord> {
  private static final char CART = 'C';
  private static final char DIGEST = 'D';
  private static final char LAPSE = 'L';

  private final OfferSettings settings;
  private final Function<Decider.Lookups, Decider> deciders;
  private final OfferMemory memory;
  private final OfferViews views;
  private final Attribution attribution;
  private final Consents consents;
  private final AppMetrics metrics;
  private final AvroSerde<CustomerProfile> profileSerde = Topics.CUSTOMER_PROFILES.valueSerde();
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, CustomerOfferState> states;
  private KeyValueStore<String, byte[]> profiles;
  private KeyValueStore<String, ConsentState> consentStates;
  private DueTimers timers;
  private Decider decider;

  DecideOffersProcessor(OfferSettings settings, Consents consents, OfferMemory memory, OfferViews views,
      Function<Decider.Lookups, Decider> deciders, AppMetrics metrics) {
    this.metrics = metrics;
    this.settings = settings;
    this.memory = memory;
    this.views = views;
    this.deciders = deciders;
    this.attribution = new Attribution(settings.attributionWindow());
    this.consents = consents;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.states = context.getStateStore(StoreNames.CUSTOMER_OFFER_STATE);
    this.profiles = context.getStateStore(StoreNames.CUSTOMER_PROFILES);
    this.consentStates = context.getStateStore(StoreNames.CONSENT);
    this.timers = new DueTimers(context.getStateStore(StoreNames.OFFER_TIMERS));
    this.decider = deciders.apply(GlobalLookups.of(context));
    context.schedule(settings.timerInterval(), PunctuationType.STREAM_TIME, this::onStreamTime);
  }

  @Override
  public void process(Record<String, ProfileUpdate> record) {
    String customerId = record.key();
    Instant at = Instant.ofEpochMilli(record.timestamp());
    views.observe(at);
    CustomerOfferState state = states.get(customerId);
    boolean changed = state == null;
    if (state == null) {
      state = OfferMemory.empty(customerId, at);
    }
    changed |= OfferMemory.touch(state, at);
    Instant cartChangedAt = state.getCartUpdatedAt();
    CustomerProfile profile = record.value().profile();
    if (record.value().change() instanceof ProfileChange.Click click && OfferMemory.followCart(state, click.click())) {
      changed = true;
      if (!state.getCartProductIds().isEmpty() && settings.enabled(OfferTrigger.CART_ABANDONMENT)) {
        timers.schedule(at.plus(settings.cartAbandonedAfter()), CART, customerId);
      }
    } else if (record.value().change() instanceof ProfileChange.Basket basket) {
      changed = true;
      learnFrom(state, basket.basket());
      OfferMemory.clearCart(state);
      decide(state, profile, OfferTrigger.POST_PURCHASE, basket.basket().getTransactionId(), at);
    }
    if (cartChangedAt != null && !cartChangedAt.equals(state.getCartUpdatedAt())) {
      // the timer of the cart as it was no longer applies: cancelled, so the pending timers are always the state's
      timers.cancel(new Timer(cartChangedAt.plus(settings.cartAbandonedAfter()), CART, customerId));
    }
    List<String> aboveSpike = state.getCategoriesAboveSpike();
    String spiked = memory.spikedCategory(state, profile, at);
    changed |= !aboveSpike.equals(state.getCategoriesAboveSpike());
    if (spiked != null) {
      decide(state, profile, OfferTrigger.INTEREST_SPIKE, "category=" + spiked + "@" + at.toEpochMilli(), at);
    }
    if (state.getNextDigestAt() == null && settings.enabled(OfferTrigger.DIGEST)) {
      changed = true;
      Instant due = at.plus(settings.digestInterval());
      state.setNextDigestAt(due);
      timers.schedule(due, DIGEST, customerId);
    }
    if (changed) {
      states.put(customerId, state); // most clicks change nothing here: no write
    }
  }

  private void onStreamTime(long streamTime) {
    for (Timer timer : timers.takeDue(Instant.ofEpochMilli(streamTime))) {
      CustomerOfferState state = states.get(timer.customerId());
      if (state == null) {
        continue;
      }
      switch (timer.kind()) {
        case CART -> onCartTimer(state, timer.due());
        case DIGEST -> onDigestTimer(state, timer.due());
        default -> onAttributionTimer(state, timer.due());
      }
      states.put(timer.customerId(), state);
    }
  }

  /** Only the timer of the latest cart change applies; an older one finds the cart changed since. */
  private void onCartTimer(CustomerOfferState state, Instant due) {
    if (state.getCartUpdatedAt() == null || !state.getCartUpdatedAt().plus(settings.cartAbandonedAfter()).equals(due)
        || !memory.cartAbandoned(state, due)) {
      return;
    }
    decide(state, profileOf(state.getCustomerId()), OfferTrigger.CART_ABANDONMENT, "cart@" + due.toEpochMilli(), due);
    OfferMemory.clearCart(state);
  }

  private void onDigestTimer(CustomerOfferState state, Instant due) {
    if (!due.equals(state.getNextDigestAt())) {
      return;
    }
    boolean active = state.getLastActiveAt().isAfter(due.minus(settings.digestInterval()));
    if (!active || !settings.enabled(OfferTrigger.DIGEST)) {
      state.setNextDigestAt(null); // set again by the next activity
      return;
    }
    decide(state, profileOf(state.getCustomerId()), OfferTrigger.DIGEST, "digest@" + due.toEpochMilli(), due);
    Instant next = due.plus(settings.digestInterval());
    state.setNextDigestAt(next);
    timers.schedule(next, DIGEST, state.getCustomerId());
  }

  private void onAttributionTimer(CustomerOfferState state, Instant due) {
    for (OfferSend lapsed : attribution.lapsed(state.getSends(), due)) {
      OfferOutcome ignored = Outcomes.answered(state.getCustomerId(), lapsed, OutcomeType.IGNORED,
          attribution.closesAt(lapsed), null, null);
      if (lapsed.getConfirmed()) {
        OfferMemory.close(state, lapsed, false, due);
        report(ignored);
      } else {
        OfferMemory.holdAnswer(state, lapsed, ignored); // a replay may run ahead of the ledger's confirmation
      }
    }
  }

  /** Credits the decisions this basket answers, and remembers the offers it redeemed. */
  private void learnFrom(CustomerOfferState state, PosTransaction basket) {
    Set<String> redeemed = new LinkedHashSet<>(basket.getRedeemedOfferIds());
    for (Attribution.Success success : attribution.successes(state.getSends(), basket)) {
      OfferOutcome answer = Outcomes.answered(state.getCustomerId(), success.offer(),
          success.redeemed() ? OutcomeType.REDEEMED : OutcomeType.CONVERTED, basket.getEventTime(),
          basket.getTransactionId(), basket.getTotal());
      if (success.offer().getConfirmed()) {
        OfferMemory.close(state, success.offer(), true, basket.getEventTime());
        report(answer);
      } else {
        OfferMemory.holdAnswer(state, success.offer(), answer);
      }
      if (success.redeemed()) {
        redeemed.add(success.offer().getOfferId()); // also when scanned as a coupon
      }
    }
    for (String offerId : redeemed) {
      memory.recordRedemption(state, offerId, basket.getEventTime());
    }
  }

  private void decide(CustomerOfferState state, CustomerProfile profile, OfferTrigger trigger, String triggerKey,
      Instant at) {
    if (!settings.enabled(trigger)
        || !consents.allows(consentStates.get(state.getCustomerId()), settings.channelOf(trigger), at)) {
      return; // default deny: without consent in force now, nothing is decided, not even a holdout record
    }
    long started = System.nanoTime();
    Decision decision = decider.decide(state.getCustomerId(), profile, state, trigger, triggerKey, at);
    metrics.decisions().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    if (decision == null) {
      return;
    }
    memory.recordSend(state, decision.send());
    Timer lapse = lapseTimer(state.getCustomerId(), decision.send(), settings);
    timers.schedule(lapse.due(), lapse.kind(), lapse.customerId());
    LedgerEntry entry = new LedgerEntry(decision.offer(), null);
    context.forward(new Record<>(decision.offer().getOfferId(), entry, at.toEpochMilli()));
  }

  private void report(OfferOutcome outcome) {
    forwardOutcome(context, outcome);
  }

  /** An answer goes to the ledger of its offer (KPIs, budget) and to the customer's outcomes. */
  static void forwardOutcome(ProcessorContext<String, SpecificRecord> context, OfferOutcome outcome) {
    long at = outcome.getOccurredAt().toEpochMilli();
    context.forward(new Record<>(outcome.getOfferId(), new LedgerEntry(null, outcome), at));
    context.forward(new Record<>(outcome.getCustomerId(), outcome, at));
  }

  /** Every timer the customer's state may have pending, so an erasure can cancel them (their keys hold the id). */
  static List<Timer> pendingTimers(CustomerOfferState state, OfferSettings settings) {
    List<Timer> pending = new ArrayList<>();
    String customerId = state.getCustomerId();
    if (state.getCartUpdatedAt() != null) {
      pending.add(new Timer(state.getCartUpdatedAt().plus(settings.cartAbandonedAfter()), CART, customerId));
    }
    if (state.getNextDigestAt() != null) {
      pending.add(new Timer(state.getNextDigestAt(), DIGEST, customerId));
    }
    for (OfferSend send : state.getSends()) {
      pending.add(lapseTimer(customerId, send, settings));
    }
    return pending;
  }

  /** The timer that closes a decision's attribution window. */
  static Timer lapseTimer(String customerId, OfferSend send, OfferSettings settings) {
    return new Timer(new Attribution(settings.attributionWindow()).closesAt(send).plusMillis(1), LAPSE, customerId);
  }

  private CustomerProfile profileOf(String customerId) {
    byte[] stored = profiles.get(customerId);
    return stored == null ? null : profileSerde.decode(stored);
  }

  /** Reads the global similarity and KPI stores. */
  private record GlobalLookups(KeyValueStore<String, ProductNeighbours> similarity,
      KeyValueStore<String, OfferKpi> kpis) implements Decider.Lookups {
    static GlobalLookups of(ProcessorContext<?, ?> context) {
      return new GlobalLookups(context.getStateStore(StoreNames.PRODUCT_SIMILARITY),
          context.getStateStore(StoreNames.OFFER_KPIS));
    }

    @Override
    public ProductNeighbours neighbours(String productId) {
      return similarity.get(productId);
    }

    @Override
    public OfferKpi kpi(String offerId) {
      return kpis.get(offerId);
    }
  }

  /** Supplies the processor with the stores it owns; the profile store is connected by name. */
  public static final class Supplier implements ProcessorSupplier<String, ProfileUpdate, String, SpecificRecord> {
    private final OfferSettings settings;
    private final Consents consents;
    private final OfferMemory memory;
    private final OfferViews views;
    private final Function<Decider.Lookups, Decider> deciders;
    private final AppMetrics metrics;

    public Supplier(OfferSettings settings, Consents consents, OfferMemory memory, OfferViews views,
        Function<Decider.Lookups, Decider> deciders, AppMetrics metrics) {
      this.metrics = metrics;
      this.settings = settings;
      this.consents = consents;
      this.memory = memory;
      this.views = views;
      this.deciders = deciders;
    }

    @Override
    public Processor<String, ProfileUpdate, String, SpecificRecord> get() {
      return new DecideOffersProcessor(settings, consents, memory, views, deciders, metrics);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return StoreSets.of(
          Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CUSTOMER_OFFER_STATE),
              Serdes.String(), AvroSerde.of(CustomerOfferState.class)).withCachingEnabled(),
          Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.OFFER_TIMERS),
              Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
    }
  }
}
