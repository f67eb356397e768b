package io.persona.learn;

import io.persona.avro.OfferKpi;
import io.persona.avro.OfferOutcome;
import io.persona.topology.StoreCatalog;
import io.persona.topology.StoreNames;
import io.persona.topology.StoreSets;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Every offer's KPIs per arm, counted by the task of the learning app that owns the offer, from the outcomes of
 * every customer: sent, withheld, redeemed, converted, ignored. Off the offers' path: nothing a decision emits waits
 * for this count.
 *
 * <p>In: offer id -> {@link OfferOutcome}. Out: offer id -> {@link OfferKpi} after every change. Store: {@link StoreNames#OFFER_LEDGER}.
 */
public final class CountOfferKpisProcessor implements Processor<String, OfferOutcome, String, OfferKpi> {
  private ProcessorContext<String, OfferKpi> context;
  private KeyValueStore<String, OfferKpi> ledger;

  @Override
  public void init(ProcessorContext<String, OfferKpi> context) {
    this.context = context;
    this.ledger = context.getStateStore(StoreNames.OFFER_LEDGER);
  }

  @Override
  public void process(Record<String, OfferOutcome> record) {
    OfferOutcome outcome = record.value();
    if (record.key() == null || outcome == null) {
      return;
    }
    Instant at = Instant.ofEpochMilli(record.timestamp());
    OfferKpi kpi = ledger.get(record.key());
    if (kpi == null) {
      kpi = OfferLedger.empty(record.key(), at);
    }
    switch (outcome.getOutcome()) {
      case SENT -> OfferLedger.recordSent(kpi, at);
      case WITHHELD_HOLDOUT -> OfferLedger.recordWithheld(kpi, at);
      default -> OfferLedger.recordOutcome(kpi, outcome);
    }
    ledger.put(record.key(), kpi);
    context.forward(new Record<>(record.key(), kpi, record.timestamp()));
  }

  /** Supplies the processor with the store it owns. */
  public static final class Supplier implements ProcessorSupplier<String, OfferOutcome, String, OfferKpi> {
    @Override
    public Processor<String, OfferOutcome, String, OfferKpi> get() {
      return new CountOfferKpisProcessor();
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return StoreSets.of(StoreCatalog.OFFER_LEDGER.builder());
    }
  }
}
