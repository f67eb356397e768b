package io.persona.processors;

import io.persona.avro.AdOffer;
import io.persona.avro.Channel;
import io.persona.avro.ExperimentArm;
import io.persona.avro.LedgerEntry;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKpi;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OutcomeType;
import io.persona.avro.PersonalizedOffer;
import io.persona.learning.OfferLedger;
import io.persona.learning.Outcomes;
import io.persona.metrics.AppMetrics;
import io.persona.offers.OfferIndex;
import io.persona.privacy.Pseudonyms;
import io.persona.serde.AvroSerde;
import io.persona.topology.StoreNames;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The books of each offer, kept by the one task that owns it: a decided offer is sent only if its budget allows,
 * counted in the same transaction as the send, so the budget holds however many instances decide.
 *
 * <p>In: offer id -> {@link LedgerEntry}. Out: customer id -> {@link PersonalizedOffer} (sent offers; on the ad
 * channel instead pseudonym -> {@link AdOffer}, with no personal field), customer id ->
 * {@link OfferOutcome} (SENT, WITHHELD_HOLDOUT, BUDGET_EXHAUSTED), offer id -> {@link OfferKpi} after every change.
 * Store: {@link StoreNames#OFFER_LEDGER}.
 */
public final class OfferLedgerProcessor implements Processor<String, LedgerEntry, String, SpecificRecord> {
  private final OfferIndex catalog;
  private final Pseudonyms pseudonyms;
  private final AppMetrics metrics;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, OfferKpi> ledger;

  OfferLedgerProcessor(OfferIndex catalog, Pseudonyms pseudonyms, AppMetrics metrics) {
    this.catalog = catalog;
    this.pseudonyms = pseudonyms;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.ledger = context.getStateStore(StoreNames.OFFER_LEDGER);
  }

  @Override
  public void process(Record<String, LedgerEntry> record) {
    String offerId = record.key();
    Instant at = Instant.ofEpochMilli(record.timestamp());
    OfferKpi kpi = ledger.get(offerId);
    if (kpi == null) {
      kpi = OfferLedger.empty(offerId, at);
    }
    LedgerEntry entry = record.value();
    if (entry.getDecision() != null) {
      settle(kpi, entry.getDecision(), at);
    } else if (entry.getOutcome() != null) {
      OfferLedger.recordOutcome(kpi, entry.getOutcome());
    }
    ledger.put(offerId, kpi);
    context.forward(new Record<>(offerId, kpi, record.timestamp()));
  }

  private void settle(OfferKpi kpi, PersonalizedOffer offer, Instant at) {
    OutcomeType outcome;
    if (offer.getExperimentArm() == ExperimentArm.HOLDOUT) {
      OfferLedger.recordWithheld(kpi, at);
      outcome = OutcomeType.WITHHELD_HOLDOUT;
    } else {
      OfferCatalogEntry entry = catalog.get(offer.getOfferId());
      if (entry != null && entry.getActive() && OfferLedger.budgetAllows(kpi, entry)) {
        OfferLedger.recordSent(kpi, at);
        emit(offer, at);
        outcome = OutcomeType.SENT;
      } else {
        OfferLedger.recordRefused(kpi, at); // spent, or retired since the decision
        outcome = OutcomeType.BUDGET_EXHAUSTED;
      }
    }
    metrics.offer(offer.getTrigger(), offer.getChannel(), outcome.name().toLowerCase(Locale.ROOT));
    OfferOutcome record = Outcomes.settled(offer, outcome, at);
    context.forward(new Record<>(offer.getCustomerId(), record, at.toEpochMilli()));
  }

  /** Email, POS and the like get the customer id; the ad channel only a pseudonym, on its own topic. */
  private void emit(PersonalizedOffer offer, Instant at) {
    if (offer.getChannel() != Channel.AD) {
      context.forward(new Record<>(offer.getCustomerId(), offer, at.toEpochMilli()));
      return;
    }
    String pseudonym = pseudonyms.of(offer.getCustomerId());
    AdOffer ad = new AdOffer(pseudonyms.of(offer.getOfferEventId()), pseudonym, offer.getOfferId(),
        offer.getTrigger(), offer.getCreatedAt(), offer.getExpiresAt());
    context.forward(new Record<>(pseudonym, ad, at.toEpochMilli()));
  }

  /** Supplies the processor with the store it owns. */
  public static final class Supplier implements ProcessorSupplier<String, LedgerEntry, String, SpecificRecord> {
    private final OfferIndex catalog;
    private final Pseudonyms pseudonyms;
    private final AppMetrics metrics;

    /** @param pseudonyms null when no trigger sends to the ad channel */
    public Supplier(OfferIndex catalog, Pseudonyms pseudonyms, AppMetrics metrics) {
      this.catalog = catalog;
      this.pseudonyms = pseudonyms;
      this.metrics = metrics;
    }

    @Override
    public Processor<String, LedgerEntry, String, SpecificRecord> get() {
      return new OfferLedgerProcessor(catalog, pseudonyms, metrics);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return StoreSets.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.OFFER_LEDGER),
          Serdes.String(), AvroSerde.of(OfferKpi.class)).withCachingEnabled());
    }
  }
}
