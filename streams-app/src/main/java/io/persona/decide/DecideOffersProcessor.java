package io.persona.decide;

import io.persona.avro.AdOffer;
import io.persona.avro.Channel;
import io.persona.avro.ConsentState;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.CustomerProfile;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKpi;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OfferSend;
import io.persona.avro.OfferTrigger;
import io.persona.avro.OutcomeType;
import io.persona.avro.PersonalizedOffer;
import io.persona.avro.PosTransaction;
import io.persona.avro.ProductNeighbours;
import io.persona.decide.Decider.Decision;
import io.persona.learn.Attribution;
import io.persona.learn.Outcomes;
import io.persona.metrics.AppMetrics;
import io.persona.privacy.Consents;
import io.persona.privacy.Pseudonyms;
import io.persona.profile.Decay;
import io.persona.profile.DecodedProfileStore;
import io.persona.profile.ProfileChange;
import io.persona.profile.ProfileUpdate;
import io.persona.topology.StoreCatalog;
import io.persona.topology.StoreNames;
import io.persona.topology.StoreSets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Decides offers as profiles change and as stream time passes, sends them, and learns from the baskets that answer
 * them: the event that earns an offer and the offer itself commit in one transaction.
 *
 * <p>In: customer id -> {@link ProfileUpdate}. Out: customer id -> {@link PersonalizedOffer} (sent offers; on the ad
 * channel instead pseudonym -> {@link AdOffer}, with no personal field) and customer id -> {@link OfferOutcome}
 * (SENT, WITHHELD_HOLDOUT, REDEEMED, CONVERTED, IGNORED: what the learning app counts into every offer's KPIs).
 * Stores: {@link StoreNames#CUSTOMER_OFFER_STATE}, read and written per event; {@link StoreNames#OFFER_TIMERS} for
 * abandoned carts, digests and closing attribution windows; {@link StoreNames#OFFER_BUDGETS}, this task's books of
 * the offers with a budget; {@link StoreNames#CUSTOMER_PROFILES} read when a timer fires; {@link StoreNames#CONSENT}
 * read when deciding (default deny); the global catalog, similarity and KPI stores.
 */
public final class DecideOffersProcessor implements Processor<String, ProfileUpdate, String, SpecificRecord> {
  private final OfferSettings settings;
  private final Function<Decider.Lookups, Decider> deciders;
  private final InterestSpikes spikes;
  private final OfferHistory history;
  private final OfferViews views;
  private final Attribution attribution;
  private final OfferTimers offerTimers;
  private final Consents consents;
  private final AppMetrics metrics;
  private final Pseudonyms pseudonyms;
  private final int partitions;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, CustomerOfferState> states;
  private DecodedProfileStore profiles;
  private TaskBudgets budgets;
  private KeyValueStore<String, ConsentState> consentStates;
  private DueTimers timers;
  private Decider decider;

  DecideOffersProcessor(OfferSettings settings, Consents consents, Decay decay, OfferViews views,
      Function<Decider.Lookups, Decider> deciders, Pseudonyms pseudonyms, int partitions, AppMetrics metrics) {
    this.metrics = metrics;
    this.pseudonyms = pseudonyms;
    this.partitions = partitions;
    this.settings = settings;
    this.spikes = new InterestSpikes(settings.spikeThreshold(), decay);
    this.history = new OfferHistory(settings);
    this.views = views;
    this.deciders = deciders;
    this.attribution = new Attribution(settings.attributionWindow());
    this.offerTimers = new OfferTimers(settings);
    this.consents = consents;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.states = context.getStateStore(StoreNames.CUSTOMER_OFFER_STATE);
    this.profiles = context.getStateStore(StoreNames.CUSTOMER_PROFILES);
    this.consentStates = context.getStateStore(StoreNames.CONSENT);
    this.timers = new DueTimers(context.getStateStore(StoreNames.OFFER_TIMERS));
    this.budgets = new TaskBudgets(context.getStateStore(StoreNames.OFFER_BUDGETS), views.catalog(),
        context.taskId().partition(), partitions);
    this.decider = deciders.apply(new TaskLookups(context.getStateStore(StoreNames.PRODUCT_SIMILARITY),
        context.getStateStore(StoreNames.OFFER_KPIS), budgets));
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
      state = OfferStates.empty(customerId, at);
    }
    changed |= OfferStates.touch(state, at);
    Instant cartChangedAt = state.getCartUpdatedAt();
    CustomerProfile profile = record.value().profile();
    if (record.value().change() instanceof ProfileChange.Click click && Carts.follow(state, click.click())) {
      changed = true;
      offerTimers.cartTimer(state, at).ifPresent(timers::schedule);
    } else if (record.value().change() instanceof ProfileChange.Basket basket) {
      changed = true;
      learnFrom(state, basket.basket());
      Carts.clear(state);
      decide(state, profile, OfferTrigger.POST_PURCHASE, basket.basket().getTransactionId(), at);
    }
    // the timer of the cart as it was no longer applies: cancelled, so the pending timers are always the state's
    offerTimers.replacedCartTimer(state, cartChangedAt).ifPresent(timers::cancel);
    List<String> aboveSpike = state.getCategoriesAboveSpike();
    String spiked = spikes.spikedCategory(state, profile, at);
    changed |= !aboveSpike.equals(state.getCategoriesAboveSpike());
    if (spiked != null) {
      decide(state, profile, OfferTrigger.INTEREST_SPIKE, "category=" + spiked + "@" + at.toEpochMilli(), at);
    }
    Optional<Timer> firstDigest = offerTimers.startDigests(state, at);
    firstDigest.ifPresent(timers::schedule);
    if (changed || firstDigest.isPresent()) {
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
        case LAPSE -> onAttributionTimer(state, timer.due());
      }
      states.put(timer.customerId(), state);
    }
  }

  private void onCartTimer(CustomerOfferState state, Instant due) {
    if (offerTimers.cartAbandoned(state, due)) {
      decide(state, profileOf(state.getCustomerId()), OfferTrigger.CART_ABANDONMENT, "cart@" + due.toEpochMilli(),
          due);
      Carts.clear(state);
    }
  }

  private void onDigestTimer(CustomerOfferState state, Instant due) {
    if (offerTimers.digestDue(state, due)) {
      decide(state, profileOf(state.getCustomerId()), OfferTrigger.DIGEST, "digest@" + due.toEpochMilli(), due);
      timers.schedule(offerTimers.nextDigest(state, due));
    }
  }

  private void onAttributionTimer(CustomerOfferState state, Instant due) {
    for (OfferSend lapsed : attribution.lapsed(state.getSends(), due)) {
      history.close(state, lapsed, false, due);
      report(Outcomes.answered(state.getCustomerId(), lapsed, OutcomeType.IGNORED, attribution.closesAt(lapsed),
          null, null));
    }
  }

  /** Credits the decisions this basket answers, and remembers the offers it redeemed. */
  private void learnFrom(CustomerOfferState state, PosTransaction basket) {
    Set<String> redeemed = new LinkedHashSet<>(basket.getRedeemedOfferIds());
    for (Attribution.Success success : attribution.successes(state.getSends(), basket)) {
      history.close(state, success.offer(), true, basket.getEventTime());
      report(Outcomes.answered(state.getCustomerId(), success.offer(),
          success.redeemed() ? OutcomeType.REDEEMED : OutcomeType.CONVERTED, basket.getEventTime(),
          basket.getTransactionId(), basket.getTotal()));
      if (success.redeemed()) {
        redeemed.add(success.offer().getOfferId()); // also when scanned as a coupon
      }
    }
    for (String offerId : redeemed) {
      history.recordRedemption(state, offerId, basket.getEventTime());
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
    history.recordSend(state, decision.send());
    timers.schedule(offerTimers.lapse(state.getCustomerId(), decision.send()));
    PersonalizedOffer offer = decision.offer();
    OutcomeType outcome = OutcomeType.WITHHELD_HOLDOUT;
    if (!decision.heldOut()) {
      budgets.recordSent(offer.getOfferId(), at);
      send(offer, at);
      outcome = OutcomeType.SENT;
    }
    metrics.offer(trigger, offer.getChannel(), outcome.name().toLowerCase(Locale.ROOT));
    context.forward(new Record<>(offer.getCustomerId(), Outcomes.settled(offer, outcome, at), at.toEpochMilli()));
  }

  /** Email, POS and the like get the customer id; the ad channel only a pseudonym, on its own topic. */
  private void send(PersonalizedOffer offer, Instant at) {
    if (offer.getChannel() != Channel.AD) {
      context.forward(new Record<>(offer.getCustomerId(), offer, at.toEpochMilli()));
      return;
    }
    String pseudonym = pseudonyms.of(offer.getCustomerId());
    AdOffer ad = new AdOffer(pseudonyms.of(offer.getOfferEventId()), pseudonym, offer.getOfferId(),
        offer.getTrigger(), offer.getCreatedAt(), offer.getExpiresAt(), offer.getOfferName(), offer.getOfferKind(),
        offer.getDiscountValue());
    context.forward(new Record<>(pseudonym, ad, at.toEpochMilli()));
  }

  /** An answer counts against the task's budget books and goes to the learning app on the customer's outcomes. */
  private void report(OfferOutcome outcome) {
    budgets.recordAnswer(outcome);
    context.forward(new Record<>(outcome.getCustomerId(), outcome, outcome.getOccurredAt().toEpochMilli()));
  }

  private CustomerProfile profileOf(String customerId) {
    return profiles.get(customerId);
  }

  /** Reads the global similarity and KPI stores, and the task's own budget books. */
  private record TaskLookups(KeyValueStore<String, ProductNeighbours> similarity,
      KeyValueStore<String, OfferKpi> kpis, TaskBudgets budgets) implements Decider.Lookups {
    @Override
    public boolean budgetAllows(OfferCatalogEntry offer, OfferKpi kpi) {
      return budgets.allow(offer);
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
    private final Decay decay;
    private final OfferViews views;
    private final Function<Decider.Lookups, Decider> deciders;
    private final Pseudonyms pseudonyms;
    private final int partitions;
    private final AppMetrics metrics;

    /**
     * @param pseudonyms null when no trigger sends to the ad channel
     * @param partitions of the customer topics: each task's share of a budget is one part in this many
     */
    public Supplier(OfferSettings settings, Consents consents, Decay decay, OfferViews views,
        Function<Decider.Lookups, Decider> deciders, Pseudonyms pseudonyms, int partitions, AppMetrics metrics) {
      this.metrics = metrics;
      this.pseudonyms = pseudonyms;
      this.partitions = partitions;
      this.settings = settings;
      this.consents = consents;
      this.decay = decay;
      this.views = views;
      this.deciders = deciders;
    }

    @Override
    public Processor<String, ProfileUpdate, String, SpecificRecord> get() {
      return new DecideOffersProcessor(settings, consents, decay, views, deciders, pseudonyms, partitions, metrics);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return StoreSets.of(
          StoreCatalog.CUSTOMER_OFFER_STATE.builder(),
          StoreCatalog.OFFER_TIMERS.builder(),
          StoreCatalog.OFFER_BUDGETS.builder());
    }
  }
}
