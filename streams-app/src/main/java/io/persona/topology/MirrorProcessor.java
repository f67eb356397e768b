package io.persona.topology;

import java.util.function.BiConsumer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global store, and an in-memory view of it, equal to a compacted topic: the global thread runs it for every
 * record, also while restoring, so the view is complete after every start.
 */
final class MirrorProcessor<V> implements Processor<String, V, Void, Void> {
  private final String storeName;
  private final BiConsumer<String, V> view;
  private KeyValueStore<String, V> store;

  /** @param view told of every put (a null value deletes) */
  public MirrorProcessor(String storeName, BiConsumer<String, V> view) {
    this.storeName = storeName;
    this.view = view;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, V> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
    view.accept(record.key(), record.value());
  }
}
