package io.persona.processors;

import io.persona.avro.CustomerOfferState;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OutcomeType;
import io.persona.offers.OfferMemory;
import io.persona.topology.StoreNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Hears back from the offer ledgers. SENT confirms a decision, and reports the answer a basket may have given
 * meanwhile. BUDGET_EXHAUSTED hands back what the decision held (the cap slot, the cooldown, the attribution): the
 * customer never got the offer, so nothing about it may count.
 *
 * <p>In: customer id -> {@link OfferOutcome} from {@code offer-outcomes}. Out: as {@link DecideOffersProcessor}, the
 * answers held back. Store: {@link StoreNames#CUSTOMER_OFFER_STATE}, shared with {@link DecideOffersProcessor}.
 */
public final class ConfirmDecisionProcessor implements Processor<String, OfferOutcome, String, SpecificRecord> {
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, CustomerOfferState> states;

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.states = context.getStateStore(StoreNames.CUSTOMER_OFFER_STATE);
  }

  @Override
  public void process(Record<String, OfferOutcome> record) {
    OutcomeType type = record.value().getOutcome();
    if (record.key() == null || (type != OutcomeType.SENT && type != OutcomeType.BUDGET_EXHAUSTED)) {
      return;
    }
    CustomerOfferState state = states.get(record.key());
    if (state == null) {
      return;
    }
    String offerEventId = record.value().getOfferEventId();
    if (type == OutcomeType.BUDGET_EXHAUSTED) {
      OfferMemory.forget(state, offerEventId);
    } else {
      OfferOutcome held = OfferMemory.confirm(state, offerEventId);
      if (held != null) {
        DecideOffersProcessor.forwardOutcome(context, held);
      }
    }
    states.put(record.key(), state);
  }
}
