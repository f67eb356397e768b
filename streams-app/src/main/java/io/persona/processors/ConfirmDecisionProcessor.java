package io.persona.processors;

import io.persona.avro.CustomerOfferState;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OutcomeType;
import io.persona.offers.OfferMemory;
import io.persona.offers.OfferSettings;
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
 * answers held back. Stores: {@link StoreNames#CUSTOMER_OFFER_STATE} and {@link StoreNames#OFFER_TIMERS}, shared
 * with {@link DecideOffersProcessor}.
 */
public final class ConfirmDecisionProcessor implements Processor<String, OfferOutcome, String, SpecificRecord> {
  private final OfferSettings settings;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, CustomerOfferState> states;
  private DueTimers timers;

  public ConfirmDecisionProcessor(OfferSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.states = context.getStateStore(StoreNames.CUSTOMER_OFFER_STATE);
    this.timers = new DueTimers(context.getStateStore(StoreNames.OFFER_TIMERS));
  }

  @Override
  public void process(Record<String, OfferOutcome> record) {
    OutcomeType type = record.value() == null ? null : record.value().getOutcome();
    if (record.key() == null || (type != OutcomeType.SENT && type != OutcomeType.BUDGET_EXHAUSTED)) {
      return;
    }
    CustomerOfferState state = states.get(record.key());
    if (state == null) {
      return;
    }
    String offerEventId = record.value().getOfferEventId();
    if (type == OutcomeType.BUDGET_EXHAUSTED) {
      state.getSends().stream().filter(s -> s.getOfferEventId().equals(offerEventId)).findFirst().ifPresent(send ->
          timers.cancel(DecideOffersProcessor.lapseTimer(record.key(), send, settings)));
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
