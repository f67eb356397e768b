package io.persona.decide;

import io.persona.avro.AdOffer;
import io.persona.avro.ConsentState;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.CustomerProfile;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OfferTrigger;
import io.persona.avro.PersonalizedOffer;
import io.persona.decide.Decider.Decision;
import io.persona.metrics.AppMetrics;
import io.persona.privacy.Consents;
import io.persona.privacy.Pseudonyms;
import io.persona.profile.Decay;
import io.persona.profile.DecodedProfileStore;
import io.persona.profile.ProfileUpdate;
import io.persona.topology.StoreCatalog;
import io.persona.topology.StoreNames;
import io.persona.topology.StoreSets;
import java.time.Instant;
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

/**
 * Decides offers as profiles change and as stream time passes, sends them, and learns from the baskets that answer
 * them: the event that earns an offer and the offer itself commit in one transaction. {@link OfferTriggers} says when
 * a decision is due; this processor reads and writes the state, asks for consent and times the {@link Decider}.
 *
 * <p>In: customer id -> {@link ProfileUpdate}. Out: customer id -> {@link PersonalizedOffer} (sent offers; on the ad
 * channel instead pseudonym -> {@link AdOffer}, with no personal field) and customer id -> {@link OfferOutcome}
 * (SENT, WITHHELD_HOLDOUT, REDEEMED, CONVERTED, IGNORED: what the learning app counts into every offer's KPIs).
 * Stores: {@link StoreNames#CUSTOMER_OFFER_STATE}, read and written per event; {@link StoreNames#OFFER_TIMERS} for
 * abandoned carts, digests and closing attribution windows; {@link StoreNames#OFFER_BUDGETS}, this task's books of
 * the offers with a budget; {@link StoreNames#CUSTOMER_PROFILES} read when a timer fires; {@link StoreNames#CONSENT}
 * read when deciding (default deny); the global catalog, similarity and KPI stores.
 */
final class DecideOffersProcessor implements Processor<String, ProfileUpdate, String, SpecificRecord> {
  private final Supplier setup;
  private final ConsentGate gate;
  private KeyValueStore<String, CustomerOfferState> states;
  private DecodedProfileStore profiles;
  private KeyValueStore<String, ConsentState> consents;
  private DueTimers timers;
  private Decider decider;
  private OfferTriggers triggers;

  private DecideOffersProcessor(Supplier setup) {
    this.setup = setup;
    this.gate = new ConsentGate(setup.settings(), setup.consents());
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.states = context.getStateStore(StoreNames.CUSTOMER_OFFER_STATE);
    this.profiles = context.getStateStore(StoreNames.CUSTOMER_PROFILES);
    this.consents = context.getStateStore(StoreNames.CONSENT);
    this.timers = new DueTimers(context.getStateStore(StoreNames.OFFER_TIMERS));
    TaskBudgets budgets = new TaskBudgets(context.getStateStore(StoreNames.OFFER_BUDGETS), setup.views().catalog(),
        context.taskId().partition(), setup.partitions());
    this.decider = setup.deciders().apply(new TaskLookups(context.getStateStore(StoreNames.PRODUCT_SIMILARITY),
        context.getStateStore(StoreNames.OFFER_KPIS), budgets));
    this.triggers = new OfferTriggers(setup.settings(), setup.decay(), timers, this::decide,
        new OfferOutbox(context, budgets, setup.pseudonyms(), setup.metrics()));
    context.schedule(setup.settings().timerInterval(), PunctuationType.STREAM_TIME, this::onStreamTime);
  }

  @Override
  public void process(Record<String, ProfileUpdate> record) {
    Instant at = Instant.ofEpochMilli(record.timestamp());
    setup.views().observe(at);
    CustomerOfferState stored = states.get(record.key());
    CustomerOfferState state = stored != null ? stored : OfferStates.empty(record.key(), at);
    if (triggers.onUpdate(state, record.value(), at) || stored == null) {
      states.put(record.key(), state); // most clicks change nothing here: no write
    }
  }

  private void onStreamTime(long streamTime) {
    for (Timer timer : timers.takeDue(Instant.ofEpochMilli(streamTime))) {
      CustomerOfferState state = states.get(timer.customerId());
      if (state != null) {
        triggers.onTimer(state, timer, () -> profiles.get(timer.customerId()));
        states.put(timer.customerId(), state);
      }
    }
  }

  /** The decision for {@code trigger}, timed, when the trigger is on and the customer's consent allows it now. */
  private Decision decide(CustomerOfferState state, CustomerProfile profile, OfferTrigger trigger, String triggerKey,
      Instant at) {
    if (!gate.opens(trigger, () -> consents.get(state.getCustomerId()), at)) {
      return null;
    }
    long started = System.nanoTime();
    Decision decision = decider.decide(state.getCustomerId(), profile, state, trigger, triggerKey, at);
    setup.metrics().decisions().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    return decision;
  }

  /**
   * Supplies the processor with the stores it owns; the profile store is connected by name.
   *
   * @param pseudonyms null when no trigger sends to the ad channel
   * @param partitions of the customer topics: each task's share of a budget is one part in this many
   */
  public record Supplier(OfferSettings settings, Consents consents, Decay decay, OfferViews views,
      Function<Decider.Lookups, Decider> deciders, Pseudonyms pseudonyms, int partitions, AppMetrics metrics)
      implements ProcessorSupplier<String, ProfileUpdate, String, SpecificRecord> {
    @Override
    public Processor<String, ProfileUpdate, String, SpecificRecord> get() {
      return new DecideOffersProcessor(this);
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
