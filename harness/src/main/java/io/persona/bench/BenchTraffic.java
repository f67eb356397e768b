package io.persona.bench;

import io.persona.avro.ClickEvent;
import io.persona.avro.ClickEventType;
import io.persona.avro.Device;
import io.persona.avro.LineItem;
import io.persona.avro.PosTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Deterministic shopper traffic for measurements: from one seed, the same events in event-time order. 95% are clicks
 * of web sessions (views, searches, carts, logins; some sessions stay anonymous), 5% POS baskets. Product popularity
 * follows Zipf's law (exponent 0.99) over 2,000 products; each customer also leans to a favourite category.
 */
public final class BenchTraffic {
  private static final ClickEventType[] BROWSING = {
    ClickEventType.PAGE_VIEW, ClickEventType.PRODUCT_VIEW, ClickEventType.PRODUCT_VIEW, ClickEventType.SEARCH,
    ClickEventType.ADD_TO_CART};
  private static final Device[] DEVICES = {Device.DESKTOP, Device.MOBILE, Device.TABLET, Device.APP};
  static final int CATEGORIES = 40;
  private static final int PRODUCTS_PER_CATEGORY = 50;
  private static final double ZIPF_EXPONENT = 0.99;
  private static final double POS_SHARE = 0.05;
  private static final double MEAN_SESSION_CLICKS = 6.5;
  /** Chosen so that baskets are POS_SHARE of all events: each step is one basket or one session of clicks. */
  private static final double STORE_VISIT_CHANCE = POS_SHARE * MEAN_SESSION_CLICKS
      / (1 - POS_SHARE + POS_SHARE * MEAN_SESSION_CLICKS);
  /** Cumulative Zipf weights of the products by popularity rank; rank r is product r / 40 of category r % 40. */
  private static final double[] POPULARITY = zipf(CATEGORIES * PRODUCTS_PER_CATEGORY, ZIPF_EXPONENT);

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
      emitted += random.nextDouble() < STORE_VISIT_CHANCE ? storeVisit(baskets) : session(clicks);
    }
  }

  /** A basket at a store: one to four products, by popularity. */
  private int storeVisit(Consumer<PosTransaction> baskets) {
    tick();
    int customer = random.nextInt(customers);
    List<LineItem> lines = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
      int rank = popularProduct();
      lines.add(line(rank % CATEGORIES, rank / CATEGORIES));
    }
    baskets.accept(basket("c-" + customer, "store-" + customer % 20, lines));
    return 1;
  }

  private int session(Consumer<ClickEvent> clicks) {
    int customer = random.nextInt(customers);
    String customerId = "c-" + customer;
    String anonymousId = "cookie-" + customer + "-" + random.nextInt(2);
    boolean logsIn = random.nextDouble() < 0.6;
    int favourite = (customer * 7) % CATEGORIES;
    Device device = DEVICES[customer % DEVICES.length];
    String sessionId = "s-" + (sequence++);
    int views = 3 + random.nextInt(8);
    for (int i = 0; i < views; i++) {
      tick();
      int rank = popularProduct();
      int category = random.nextDouble() < 0.5 ? favourite : rank % CATEGORIES;
      int product = rank / CATEGORIES;
      ClickEventType type = i == 1 && logsIn ? ClickEventType.LOGIN : BROWSING[random.nextInt(BROWSING.length)];
      clicks.accept(click(anonymousId, logsIn && i >= 1 ? customerId : null, sessionId, type, category, product,
          device));
    }
    return views;
  }

  private int popularProduct() {
    int rank = Arrays.binarySearch(POPULARITY, random.nextDouble() * POPULARITY[POPULARITY.length - 1]);
    return Math.min(POPULARITY.length - 1, rank >= 0 ? rank : -rank - 1);
  }

  private static double[] zipf(int n, double exponent) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int r = 0; r < n; r++) {
      sum += 1 / Math.pow(r + 1, exponent);
      cumulative[r] = sum;
    }
    return cumulative;
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

  private PosTransaction basket(String customerId, String store, List<LineItem> lines) {
    double total = lines.stream().mapToDouble(l -> l.getQuantity() * l.getUnitPrice()).sum();
    return PosTransaction.newBuilder().setTransactionId("t-" + (sequence++)).setEventTime(clock)
        .setStoreId(store).setCustomerId(customerId).setLineItems(lines).setTotal(total).build();
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
