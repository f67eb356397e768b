package io.persona.processors;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.streams.state.StoreBuilder;

/** The stores a processor owns, in a fixed order: the topology's description, and its golden test, stay stable. */
final class StoreSets {
  private StoreSets() {}

  static Set<StoreBuilder<?>> of(StoreBuilder<?>... stores) {
    return new LinkedHashSet<>(Arrays.asList(stores));
  }
}
