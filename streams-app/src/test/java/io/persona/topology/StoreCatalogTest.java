package io.persona.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.config.ConfigLoader;
import io.persona.privacy.EraseCustomerProcessor;
import io.persona.topology.StoreCatalog.Keys;
import io.persona.topology.StoreCatalog.Store;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** The catalog is the truth about stores: every store of both apps is in it, and erasure reaches every customer's. */
class StoreCatalogTest {
  private final Topology engine = PersonaTopology.build(ConfigLoader.load(Map.of(), null));
  private final Topology learning = LearningTopology.build(ConfigLoader.load(Map.of(), null));

  @Test
  void shouldListEveryPersistentStoreOfBothApps() {
    Set<String> inTopologies = new HashSet<>();
    for (Topology topology : new Topology[] {engine, learning}) {
      for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
        for (TopologyDescription.Node node : sub.nodes()) {
          if (node instanceof TopologyDescription.Processor processor) {
            inTopologies.addAll(processor.stores());
          }
        }
      }
    }

    assertThat(StoreCatalog.ALL).extracting(Store::name).containsExactlyInAnyOrderElementsOf(inTopologies);
  }

  @Test
  void shouldConnectEveryStoreHoldingCustomersToErasure() {
    Set<String> erasureReaches = new HashSet<>();
    for (TopologyDescription.Subtopology sub : engine.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node.name().equals("erase-customer")) {
          erasureReaches.addAll(((TopologyDescription.Processor) node).stores());
        }
      }
    }

    assertThat(erasureReaches).containsExactlyInAnyOrder(StoreCatalog.holdingCustomers());
  }

  @Test
  void shouldClearEveryIndexOfCustomersWithCodeOfItsOwn() {
    // a store keyed by the customer id is cleared by deleting the key; an index needs code that knows its keys
    assertThat(StoreCatalog.ALL).filteredOn(store -> store.keys() == Keys.CUSTOMER_INDEX).extracting(Store::name)
        .containsExactlyInAnyOrderElementsOf(EraseCustomerProcessor.INDEXES_CLEARED);
  }
}
