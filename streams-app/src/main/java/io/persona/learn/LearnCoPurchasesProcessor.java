package io.persona.learn;

import io.persona.avro.AffinityScore;
import io.persona.avro.PosTransaction;
import io.persona.avro.ProductNeighbours;
import io.persona.topology.StoreCatalog;
import io.persona.topology.StoreNames;
import io.persona.topology.StoreSets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Learns what is bought with each product, incrementally: one record per product of a basket, keyed by the product,
 * so one task owns each product's neighbour list.
 *
 * <p>In: product id -> the basket that held it. Out: product id -> {@link ProductNeighbours}, its strongest
 * neighbours. Store: {@link StoreNames#CO_PURCHASES}, which learns with more of them (see
 * {@link CoPurchases#LEARNING_SLACK}).
 */
public final class LearnCoPurchasesProcessor implements Processor<String, PosTransaction, String, ProductNeighbours> {
  private final CoPurchases coPurchases;
  private ProcessorContext<String, ProductNeighbours> context;
  private KeyValueStore<String, ProductNeighbours> store;

  LearnCoPurchasesProcessor(CoPurchases coPurchases) {
    this.coPurchases = coPurchases;
  }

  @Override
  public void init(ProcessorContext<String, ProductNeighbours> context) {
    this.context = context;
    this.store = context.getStateStore(StoreNames.CO_PURCHASES);
  }

  @Override
  public void process(Record<String, PosTransaction> record) {
    String productId = record.key();
    PosTransaction basket = record.value();
    ProductNeighbours current = store.get(productId);
    List<AffinityScore> neighbours = coPurchases.learnFrom(current == null ? List.of() : current.getNeighbours(),
        productId, basket);
    AffinityScore purchases = coPurchases.countPurchase(current == null ? null : current.getPurchases(), productId,
        basket.getEventTime());
    Instant updatedAt = current == null || basket.getEventTime().isAfter(current.getUpdatedAt())
        ? basket.getEventTime() : current.getUpdatedAt();
    store.put(productId, new ProductNeighbours(productId, purchases, neighbours, updatedAt));
    context.forward(record.withValue(
        new ProductNeighbours(productId, purchases, coPurchases.published(neighbours), updatedAt)));
  }

  /** Supplies the processor with the store it owns. */
  public static final class Supplier implements ProcessorSupplier<String, PosTransaction, String, ProductNeighbours> {
    private final CoPurchases coPurchases;

    public Supplier(CoPurchases coPurchases) {
      this.coPurchases = coPurchases;
    }

    @Override
    public Processor<String, PosTransaction, String, ProductNeighbours> get() {
      return new LearnCoPurchasesProcessor(coPurchases);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return StoreSets.of(StoreCatalog.CO_PURCHASES.builder());
    }
  }
}
