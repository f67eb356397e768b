package io.persona.bench;

import io.persona.avro.ClickEvent;
import io.persona.avro.ClickEventType;
import io.persona.avro.Device;
import io.persona.avro.LineItem;
import io.persona.avro.PosTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Deterministic shopper traffic for measurements: from one seed, the same sessions of views, carts, logins and
 * baskets, in event-time order. Each customer prefers a few categories; some sessions stay anonymous.
 */
public final class BenchTraffic {
  private static final ClickEventType[] BROWSING = {
    ClickEventType.PAGE_VIEW, ClickEventType.PRODUCT_VIEW, ClickEventType.PRODUCT_VIEW, ClickEventType.SEARCH,
    ClickEventType.ADD_TO_CART};
  private static final Device[] DEVICES = {Device.DESKTOP, Device.MOBILE, Device.TABLET, Device.APP};
  static final int CATEGORIES = 40;
  private static final int PRODUCTS_PER_CATEGORY = 50;

  private final Random random;
  private final int customers;
  private Instant clock = Instant.parse("2026-01-01T00:00:00Z");
  private long sequence;

  public BenchTraffic(long seed, int customers) {
    this.random = new Random(seed);
    this.customers = customers;
  }

  /** Emits about {@code events} events (whole sessions), clicks and baskets in event-time order. */
  public void generate(long events, Consumer<ClickEvent> clicks, Consumer<PosTransaction> baskets) {
    long emitted = 0;
    while (emitted < events) {
      emitted += session(clicks, baskets);
    }
  }

  private int session(Consumer<ClickEvent> clicks, Consumer<PosTransaction> baskets) {
    int customer = random.nextInt(customers);
    String customerId = "c-" + customer;
    String anonymousId = "cookie-" + customer + "-" + random.nextInt(2);
    boolean logsIn = random.nextDouble() < 0.6;
    int favourite = (customer * 7) % CATEGORIES;
    Device device = DEVICES[customer % DEVICES.length];
    String sessionId = "s-" + (sequence++);
    int views = 3 + random.nextInt(8);
    int emitted = 0;
    List<LineItem> cart = new ArrayList<>();
    for (int i = 0; i < views; i++) {
      tick();
      int category = random.nextDouble() < 0.7 ? favourite : random.nextInt(CATEGORIES);
      int product = random.nextInt(PRODUCTS_PER_CATEGORY);
      ClickEventType type = i == 1 && logsIn ? ClickEventType.LOGIN : BROWSING[random.nextInt(BROWSING.length)];
      ClickEvent click = click(anonymousId, logsIn && i >= 1 ? customerId : null, sessionId, type, category, product,
          device);
      clicks.accept(click);
      emitted++;
      if (type == ClickEventType.ADD_TO_CART) {
        cart.add(line(category, product));
      }
    }
    if (logsIn && !cart.isEmpty() && random.nextDouble() < 0.5) {
      tick();
      baskets.accept(basket(customerId, cart));
      emitted++;
    }
    return emitted;
  }

  private ClickEvent click(String anonymousId, String customerId, String sessionId, ClickEventType type,
      int category, int product, Device device) {
    boolean aboutProduct = type == ClickEventType.PRODUCT_VIEW || type == ClickEventType.ADD_TO_CART;
    return ClickEvent.newBuilder()
        .setEventId("e-" + (sequence++))
        .setEventTime(clock)
        .setAnonymousId(anonymousId)
        .setCustomerId(customerId)
        .setSessionId(sessionId)
        .setType(type)
        .setCategory(type == ClickEventType.LOGIN || type == ClickEventType.SEARCH ? null : "category-" + category)
        .setBrand(aboutProduct ? "brand-" + product % 12 : null)
        .setProductId(aboutProduct ? "product-" + category + "-" + product : null)
        .setPrice(aboutProduct ? price(product) : null)
        .setQuantity(type == ClickEventType.ADD_TO_CART ? 1 : null)
        .setSearchQuery(type == ClickEventType.SEARCH ? "query" : null)
        .setDevice(device)
        .build();
  }

  private PosTransaction basket(String customerId, List<LineItem> lines) {
    double total = lines.stream().mapToDouble(l -> l.getQuantity() * l.getUnitPrice()).sum();
    return PosTransaction.newBuilder().setTransactionId("t-" + (sequence++)).setEventTime(clock)
        .setStoreId("web").setCustomerId(customerId).setLineItems(lines).setTotal(total).build();
  }

  private static LineItem line(int category, int product) {
    return LineItem.newBuilder().setProductId("product-" + category + "-" + product)
        .setCategory("category-" + category).setBrand("brand-" + product % 12).setQuantity(1)
        .setUnitPrice(price(product)).build();
  }

  private static double price(int product) {
    return 2.0 + product % 40;
  }

  private void tick() {
    clock = clock.plus(Duration.ofMillis(50 + random.nextInt(500)));
  }
}
