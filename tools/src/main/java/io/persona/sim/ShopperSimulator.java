package io.persona.sim;

import io.persona.avro.Channel;
import io.persona.avro.ClickEvent;
import io.persona.avro.ClickEventType;
import io.persona.avro.ConsentChange;
import io.persona.avro.Device;
import io.persona.avro.LineItem;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKind;
import io.persona.avro.PosTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A small shop over a few weeks of event time, the same from the same seed. Customers have two favourite categories;
 * they browse the web shop (views, carts, logins linking cookies; half the carts are abandoned), check out, and visit
 * stores (POS baskets). Most grant consent for email, POS and push at sign-up; a few withdraw email half-way.
 *
 * <p>Closed loop (given the offers customers received): shoppers holding an offer visit stores more often and use it,
 * more often when it fits them; web checkouts use a received coupon for something in the cart. Nobody redeems an
 * offer they were not sent, so held-out customers show what shoppers buy anyway. Open loop (no received offers), some
 * baskets carry an offer of their category whatever was sent.
 */
public final class ShopperSimulator {
  static final List<String> CATEGORIES = List.of("garden", "kitchen", "coffee", "toys", "books", "sports", "beauty",
      "pets");
  static final int PRODUCTS_PER_CATEGORY = 12;
  private static final Device[] DEVICES = {Device.DESKTOP, Device.MOBILE, Device.TABLET, Device.APP};

  /** One event of any kind, so all streams can be published in a single event-time order. */
  public record Event(ClickEvent click, PosTransaction basket, ConsentChange consent) {
    Event(ClickEvent click, PosTransaction basket) {
      this(click, basket, null);
    }

    public Instant time() {
      return click != null ? click.getEventTime()
          : basket != null ? basket.getEventTime() : consent.getChangedAt();
    }
  }

  /** Share of customers who grant each channel when they sign up; a few withdraw email later. */
  private static final Map<Channel, Double> GRANTS = Map.of(Channel.EMAIL, 0.8, Channel.POS, 0.9, Channel.PUSH, 0.5);

  /** The offers a customer actually received, valid at a time: what a closed-loop shopper can redeem. */
  @FunctionalInterface
  public interface ReceivedOffers {
    /** Offer ids received by {@code customerId} and still valid at {@code at}. */
    List<String> validAt(String customerId, Instant at);
  }

  private final Random random;
  private final int firstCustomer;
  private final int customers;
  private final Instant start;
  private final ReceivedOffers received;
  private final Map<String, OfferCatalogEntry> offers = new HashMap<>();
  private final Map<String, List<String>> productsOfBrand = new HashMap<>();
  private long sequence;

  /** An open-loop shop: baskets sometimes carry an offer of their category, whatever was sent. */
  public ShopperSimulator(long seed, int customers, Instant start) {
    this(seed, customers, start, null);
  }

  /**
   * @param received when given, the shop is closed-loop: a basket redeems only offers its customer received, more
   *     often when the offer's category is one of their favourites
   */
  public ShopperSimulator(long seed, int customers, Instant start, ReceivedOffers received) {
    this(seed, 0, customers, start, received);
  }

  /** A shop whose customers are numbered from {@code firstCustomer}, so that two shops on one broker do not meet. */
  public ShopperSimulator(long seed, int firstCustomer, int customers, Instant start, ReceivedOffers received) {
    this.random = new Random(seed);
    this.firstCustomer = firstCustomer;
    this.customers = customers;
    this.start = start;
    this.received = received;
    catalog(start).forEach(o -> offers.put(o.getOfferId(), o));
    for (String category : CATEGORIES) {
      for (int p = 0; p < PRODUCTS_PER_CATEGORY; p++) {
        productsOfBrand.computeIfAbsent(brandOf(product(category, p)), b -> new ArrayList<>()).add(product(category, p));
      }
    }
  }

  /** The shop's offers: one per category, two per category's best sellers, one per brand, one with a budget. */
  public static List<OfferCatalogEntry> catalog(Instant validFrom) {
    List<OfferCatalogEntry> offers = new ArrayList<>();
    List<Channel> all = List.of(Channel.EMAIL, Channel.AD, Channel.POS, Channel.WEB, Channel.PUSH);
    for (String category : CATEGORIES) {
      offers.add(offer("o-" + category + "-10", "10% off " + category, OfferKind.PERCENT_OFF, null, category, null,
          validFrom, all));
      for (int p = 0; p < 2; p++) {
        String product = product(category, p);
        offers.add(offer("o-" + product, "3 off " + product, OfferKind.AMOUNT_OFF, product, category, null, validFrom,
            List.of(Channel.EMAIL, Channel.POS)));
      }
    }
    for (int b = 0; b < 4; b++) {
      offers.add(offer("o-brand-" + b + "-ship", "free shipping on brand-" + b, OfferKind.FREE_SHIPPING, null, null,
          "brand-" + b, validFrom, List.of(Channel.EMAIL, Channel.AD, Channel.WEB, Channel.PUSH)));
    }
    offers.get(offers.size() - 1).setMaxSends(25L);
    return offers;
  }

  /** Every event of {@code days} days, in event-time order. */
  public void generate(int days, Consumer<Event> events) {
    for (int c = firstCustomer; c < firstCustomer + customers; c++) {
      for (Channel channel : List.of(Channel.EMAIL, Channel.POS, Channel.PUSH)) {
        if (random.nextDouble() < GRANTS.get(channel)) {
          events.accept(new Event(null, null, consent(c, channel, true, start.minusSeconds(3600))));
        }
      }
    }
    for (int day = 0; day < days; day++) {
      List<Event> today = new ArrayList<>();
      if (day == days / 2) {
        for (int c = firstCustomer; c < firstCustomer + customers; c++) {
          if (random.nextDouble() < 0.05) {
            today.add(new Event(null, null, consent(c, Channel.EMAIL, false, start.plus(Duration.ofDays(day)))));
          }
        }
      }
      for (int c = firstCustomer; c < firstCustomer + customers; c++) {
        Instant dayStart = start.plus(Duration.ofDays(day));
        if (random.nextDouble() < 0.35) {
          webSession(c, dayStart.plusSeconds(random.nextInt(86_000)), today);
        }
        List<String> holding = received == null ? List.of() : received.validAt(customerId(c), dayStart);
        if (random.nextDouble() < (holding.isEmpty() ? 0.12 : 0.25)) { // an offer in hand brings shoppers in
          storeVisit(c, dayStart.plusSeconds(random.nextInt(86_000)), today, holding);
        }
      }
      today.sort(Comparator.comparing(Event::time));
      today.forEach(events);
    }
  }

  private static ConsentChange consent(int customer, Channel channel, boolean granted, Instant at) {
    return new ConsentChange(customerId(customer), channel, granted, at, granted ? "sign-up" : "preference-centre");
  }

  private void webSession(int customer, Instant at, List<Event> out) {
    String customerId = customerId(customer);
    String cookie = "cookie-" + customer + "-" + random.nextInt(2);
    String session = "s-" + sequence++;
    Device device = DEVICES[customer % DEVICES.length];
    Instant time = at;
    out.add(new Event(click(cookie, null, session, ClickEventType.PAGE_VIEW, null, time, device), null));
    time = time.plusSeconds(20 + random.nextInt(60));
    out.add(new Event(click(cookie, customerId, session, ClickEventType.LOGIN, null, time, device), null));
    List<LineItem> cart = new ArrayList<>();
    int views = 3 + random.nextInt(6);
    for (int v = 0; v < views; v++) {
      time = time.plusSeconds(15 + random.nextInt(120));
      String product = pick(customer);
      out.add(new Event(click(cookie, customerId, session, ClickEventType.PRODUCT_VIEW, product, time, device), null));
      if (random.nextDouble() < 0.15) {
        time = time.plusSeconds(10 + random.nextInt(30));
        out.add(new Event(click(cookie, customerId, session, ClickEventType.ADD_TO_CART, product, time, device), null));
        cart.add(line(product));
      }
    }
    if (!cart.isEmpty() && random.nextDouble() < 0.5) {
      time = time.plusSeconds(60 + random.nextInt(600));
      out.add(new Event(click(cookie, customerId, session, ClickEventType.CHECKOUT, null, time, device), null));
      out.add(new Event(null, basket(customerId, "web", cart, time.plusSeconds(5))));
    }
  }

  private void storeVisit(int customer, Instant at, List<Event> out, List<String> holding) {
    List<LineItem> lines = new ArrayList<>();
    int items = 1 + random.nextInt(4);
    for (int i = 0; i < items; i++) {
      lines.add(line(pick(customer)));
    }
    List<String> redeemed = new ArrayList<>();
    if (!holding.isEmpty()) { // the shopper came with an offer in hand, and may use it
      OfferCatalogEntry offer = offers.get(holding.get(random.nextInt(holding.size())));
      if (offer != null && random.nextDouble() < fit(customer, offer)) {
        lines.add(line(target(offer)));
        redeemed.add(offer.getOfferId());
      }
    }
    out.add(new Event(null, basket(customerId(customer), "store-" + customer % 5, lines, at, redeemed)));
  }

  /**
   * How likely a shopper is to use an offer they hold: 60% when it is for one of their two favourite categories, or
   * a brand they often buy, otherwise 25%.
   */
  private static double fit(int customer, OfferCatalogEntry offer) {
    String category = offer.getTargetCategory();
    boolean favourite = category != null
        ? CATEGORIES.indexOf(category) == favourite(customer, 0) || CATEGORIES.indexOf(category) == favourite(customer, 1)
        : offer.getTargetBrand() != null && favouriteBrands(customer).contains(offer.getTargetBrand());
    return favourite ? 0.6 : 0.25;
  }

  /** The brands of the best sellers in the customer's favourite categories. */
  private static List<String> favouriteBrands(int customer) {
    return List.of(brandOf(product(CATEGORIES.get(favourite(customer, 0)), 0)),
        brandOf(product(CATEGORIES.get(favourite(customer, 1)), 0)));
  }

  /** What the shopper buys with the offer: its product, a best seller of its category, or one of its brand. */
  private String target(OfferCatalogEntry offer) {
    if (offer.getTargetProductId() != null) {
      return offer.getTargetProductId();
    }
    if (offer.getTargetCategory() != null) {
      return product(offer.getTargetCategory(), random.nextInt(3));
    }
    List<String> ofBrand = productsOfBrand.get(offer.getTargetBrand());
    return ofBrand.get(random.nextInt(ofBrand.size()));
  }

  /** 75% from the customer's two favourite categories, the rest anywhere; low product numbers sell best. */
  private String pick(int customer) {
    int category = random.nextDouble() < 0.75 ? favourite(customer, random.nextInt(2))
        : random.nextInt(CATEGORIES.size());
    int product = Math.min(PRODUCTS_PER_CATEGORY - 1, (int) Math.floor(-Math.log(1 - random.nextDouble()) * 3));
    return product(CATEGORIES.get(category), product);
  }

  private static int favourite(int customer, int which) {
    return (customer * 3 + which * 5) % CATEGORIES.size();
  }

  /** A web checkout: online, a coupon for something in the cart may be used. */
  private PosTransaction basket(String customerId, String store, List<LineItem> lines, Instant at) {
    return basket(customerId, store, lines, at,
        received == null ? openLoopRedemptions(lines) : redemptions(customerId, lines, at));
  }

  private PosTransaction basket(String customerId, String store, List<LineItem> lines, Instant at,
      List<String> redeemed) {
    double total = lines.stream().mapToDouble(l -> l.getQuantity() * l.getUnitPrice()).sum();
    return PosTransaction.newBuilder().setTransactionId("t-" + sequence++).setEventTime(at).setStoreId(store)
        .setCustomerId(customerId).setLineItems(lines).setTotal(Math.round(total * 100) / 100.0)
        .setRedeemedOfferIds(redeemed).build();
  }

  private List<String> openLoopRedemptions(List<LineItem> lines) {
    List<String> redeemed = new ArrayList<>();
    if (random.nextDouble() < 0.3) {
      redeemed.add("o-" + lines.get(0).getCategory() + "-10");
    }
    return redeemed;
  }

  /** Received offers for something in the cart are used as often as they fit the shopper (see {@link #fit}). */
  private List<String> redemptions(String customerId, List<LineItem> lines, Instant at) {
    int customer = Integer.parseInt(customerId.substring(2));
    List<String> redeemed = new ArrayList<>();
    for (String offerId : received.validAt(customerId, at)) {
      OfferCatalogEntry offer = offers.get(offerId);
      boolean inCart = offer != null && lines.stream().anyMatch(l -> l.getProductId().equals(offer.getTargetProductId())
          || l.getCategory().equals(offer.getTargetCategory()) || l.getBrand().equals(offer.getTargetBrand()));
      if (inCart && random.nextDouble() < fit(customer, offer)) {
        redeemed.add(offerId);
      }
    }
    return redeemed;
  }

  private ClickEvent click(String cookie, String customerId, String session, ClickEventType type, String product,
      Instant at, Device device) {
    return ClickEvent.newBuilder()
        .setEventId("e-" + sequence++)
        .setEventTime(at)
        .setAnonymousId(cookie)
        .setCustomerId(customerId)
        .setSessionId(session)
        .setType(type)
        .setProductId(product)
        .setCategory(product == null ? null : categoryOf(product))
        .setBrand(product == null ? null : brandOf(product))
        .setPrice(product == null ? null : priceOf(product))
        .setDevice(device)
        .build();
  }

  private static LineItem line(String product) {
    return LineItem.newBuilder().setProductId(product).setCategory(categoryOf(product)).setBrand(brandOf(product))
        .setQuantity(1).setUnitPrice(priceOf(product)).build();
  }

  private static OfferCatalogEntry offer(String id, String name, OfferKind kind, String product, String category,
      String brand, Instant validFrom, List<Channel> channels) {
    return OfferCatalogEntry.newBuilder().setOfferId(id).setName(name).setKind(kind).setTargetProductId(product)
        .setTargetCategory(category).setTargetBrand(brand).setDiscountValue(kind == OfferKind.PERCENT_OFF ? 10 : 3)
        .setValidFrom(validFrom).setAllowedChannels(channels).build();
  }

  static String product(String category, int number) {
    return "p-" + category + "-" + number;
  }

  private static String categoryOf(String product) {
    return product.substring(2, product.lastIndexOf('-'));
  }

  private static String brandOf(String product) {
    return "brand-" + Math.floorMod(product.hashCode(), 4);
  }

  private static double priceOf(String product) {
    return 3.0 + Math.floorMod(product.hashCode(), 40);
  }

  private static String customerId(int customer) {
    return "c-" + customer;
  }
}
