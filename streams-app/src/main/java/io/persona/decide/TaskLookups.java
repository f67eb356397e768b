package io.persona.decide;

import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKpi;
import io.persona.avro.ProductNeighbours;
import org.apache.kafka.streams.state.KeyValueStore;

/** A decision's lookups in a task: the global similarity and KPI stores, and the task's own budget books. */
record TaskLookups(KeyValueStore<String, ProductNeighbours> similarity, KeyValueStore<String, OfferKpi> kpis,
    TaskBudgets budgets) implements Decider.Lookups {
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
