package io.persona.identity;

import io.persona.avro.ClickEvent;
import io.persona.avro.CustomerLinks;
import io.persona.topology.StoreCatalog;
import io.persona.topology.StoreNames;
import io.persona.topology.StoreSets;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Tells identity resolution of a login seen on a click keyed by its customer (already counted in the customer's task),
 * once per device and session: see {@link CustomerDevices}. Identity links the device and hands over its anonymous
 * activity, once, through {@code profile-deltas}; the click itself never waits for it.
 *
 * <p>In: customer id -> ClickEvent. Out: anonymous id -> the login ClickEvent, to {@code identity-logins}. Store:
 * {@link StoreNames#CUSTOMER_LINKS} (customer id -> CustomerLinks), read per click, written per login.
 */
final class AnnounceLoginsProcessor implements Processor<String, ClickEvent, String, ClickEvent> {
  private ProcessorContext<String, ClickEvent> context;
  private KeyValueStore<String, CustomerLinks> links;

  @Override
  public void init(ProcessorContext<String, ClickEvent> context) {
    this.context = context;
    this.links = context.getStateStore(StoreNames.CUSTOMER_LINKS);
  }

  @Override
  public void process(Record<String, ClickEvent> record) {
    ClickEvent click = record.value();
    CustomerLinks current = links.get(record.key());
    if (!CustomerDevices.isNewLogin(current, click)) {
      return;
    }
    links.put(record.key(), CustomerDevices.withLogin(record.key(), current, click));
    context.forward(record.withKey(click.getAnonymousId()));
  }

  /** Supplies the processor together with the store it owns ({@code remember-links} writes it too). */
  public static final class Supplier implements ProcessorSupplier<String, ClickEvent, String, ClickEvent> {
    @Override
    public Processor<String, ClickEvent, String, ClickEvent> get() {
      return new AnnounceLoginsProcessor();
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return StoreSets.of(StoreCatalog.CUSTOMER_LINKS.builder());
    }
  }
}
