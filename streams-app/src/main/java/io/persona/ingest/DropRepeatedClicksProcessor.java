package io.persona.ingest;

import io.persona.avro.ClickEvent;
import io.persona.profile.PackedRecentEvents;
import io.persona.profile.ProfileSettings;
import io.persona.topology.StoreCatalog;
import io.persona.topology.StoreNames;
import io.persona.topology.StoreSets;
import java.nio.ByteBuffer;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Drops a tracker's retry of a click keyed by its customer, which identity resolution (where anonymous clicks are
 * checked) never sees.
 *
 * <p>In and out: customer id -> ClickEvent, each event id once within the duplicate window. Store:
 * {@link StoreNames#CUSTOMER_CLICK_DEDUP} (customer id -> the packed ids and times of recent clicks), one read and
 * one write per click.
 */
final class DropRepeatedClicksProcessor implements Processor<String, ClickEvent, String, ClickEvent> {
  private static final ByteBuffer NONE = ByteBuffer.allocate(0);

  private final ProfileSettings settings;
  private ProcessorContext<String, ClickEvent> context;
  private KeyValueStore<String, byte[]> counted;

  DropRepeatedClicksProcessor(ProfileSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, ClickEvent> context) {
    this.context = context;
    this.counted = context.getStateStore(StoreNames.CUSTOMER_CLICK_DEDUP);
  }

  @Override
  public void process(Record<String, ClickEvent> record) {
    ClickEvent click = record.value();
    byte[] stored = counted.get(record.key());
    ByteBuffer recent = stored == null ? NONE : ByteBuffer.wrap(stored);
    if (PackedRecentEvents.isDuplicate(recent, click.getEventId(), click.getEventTime(), settings.dedupWindow())) {
      return;
    }
    ByteBuffer remembered = PackedRecentEvents.remember(recent, click.getEventId(), click.getEventTime(),
        settings.dedupWindow(), settings.maxRemembered());
    counted.put(record.key(), Utils.toArray(remembered));
    context.forward(record);
  }

  /** Supplies the processor together with the store it owns. */
  public static final class Supplier implements ProcessorSupplier<String, ClickEvent, String, ClickEvent> {
    private final ProfileSettings settings;

    public Supplier(ProfileSettings settings) {
      this.settings = settings;
    }

    @Override
    public Processor<String, ClickEvent, String, ClickEvent> get() {
      return new DropRepeatedClicksProcessor(settings);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return StoreSets.of(StoreCatalog.CUSTOMER_CLICK_DEDUP.builder());
    }
  }
}
