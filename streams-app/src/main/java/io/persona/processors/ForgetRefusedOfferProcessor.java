package io.persona.processors;

import io.persona.avro.CustomerOfferState;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OutcomeType;
import io.persona.offers.OfferMemory;
import io.persona.topology.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Hands back what a decision held when the offer's ledger refused to send it (budget spent): the cap slot, the
 * cooldown and the open attribution, since the customer never got the offer.
 *
 * <p>In: customer id -> {@link OfferOutcome} from {@code offer-outcomes}; acts on BUDGET_EXHAUSTED only. Store:
 * {@link StoreNames#CUSTOMER_OFFER_STATE}, shared with {@link DecideOffersProcessor}.
 */
public final class ForgetRefusedOfferProcessor implements Processor<String, OfferOutcome, Void, Void> {
  private KeyValueStore<String, CustomerOfferState> states;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.states = context.getStateStore(StoreNames.CUSTOMER_OFFER_STATE);
  }

  @Override
  public void process(Record<String, OfferOutcome> record) {
    if (record.key() == null || record.value().getOutcome() != OutcomeType.BUDGET_EXHAUSTED) {
      return;
    }
    CustomerOfferState state = states.get(record.key());
    if (state != null && OfferMemory.forget(state, record.value().getOfferEventId())) {
      states.put(record.key(), state);
    }
  }
}
