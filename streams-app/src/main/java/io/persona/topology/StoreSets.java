package io.persona.topology;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.streams.state.StoreBuilder;

/** The stores a processor owns, in a fixed order: the topology's description, and its golden test, stay stable. */
public final class StoreSets {
  private StoreSets() {}

  public static Set<StoreBuilder<?>> of(StoreBuilder<?>... stores) {
    return new LinkedHashSet<>(Arrays.asList(stores));
  }
}
