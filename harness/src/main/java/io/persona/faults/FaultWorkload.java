package io.persona.faults;

import io.persona.avro.Channel;
import io.persona.avro.ClickEvent;
import io.persona.avro.ClickEventType;
import io.persona.avro.Device;
import io.persona.avro.LineItem;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKind;
import io.persona.avro.PosTransaction;
import io.persona.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fault run's input, the same for a seed: web shoppers who click (always logged in, one cookie each; half of them
 * keyed by customer, as trackers key logged-in clicks, half by cookie, so both click paths are covered) and store
 * shoppers who buy at the POS, so that each customer's events reach the app through one partition of one topic, in
 * the order they were made; plus malformed records of every kind at fixed places. Event time moves 200 ms per event.
 * Because every customer's history is fixed, what the app must produce can be computed from it (see {@link Oracle}).
 */
public final class FaultWorkload {
  /** A record to publish; {@code pill} is null for a valid one. */
  public record Input(String topic, byte[] key, byte[] value, Pill pill, ClickEvent click, PosTransaction basket) {
    boolean valid() {
      return pill == null;
    }
  }

  /** The kinds of malformed record mixed into the traffic. */
  public enum Pill { RANDOM_BYTES, TRUNCATED_AVRO, UNKNOWN_FINGERPRINT, EMPTY_VALUE, NULL_KEY }

  private static final int CATEGORIES = 8;
  private static final int PRODUCTS_PER_CATEGORY = 25;
  private static final double BASKET_SHARE = 0.2;
  private static final ClickEventType[] CLICKS = {
      ClickEventType.PAGE_VIEW, ClickEventType.PRODUCT_VIEW, ClickEventType.PRODUCT_VIEW, ClickEventType.SEARCH};
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final long seed;
  private final int events;
  private final int customers;
  private final int pills;

  /**
   * @param events valid events (clicks and baskets)
   * @param pills malformed records, spread evenly through the traffic, kinds in turn
   */
  public FaultWorkload(long seed, int events, int customers, int pills) {
    if (customers < 2 || events < 1 || pills < 0) {
      throw new IllegalArgumentException("need events >= 1, customers >= 2, pills >= 0");
    }
    this.seed = seed;
    this.events = events;
    this.customers = customers;
    this.pills = pills;
  }

  /** One category offer per category, published before the app starts. */
  public List<OfferCatalogEntry> catalog() {
    List<OfferCatalogEntry> offers = new ArrayList<>();
    for (int c = 0; c < CATEGORIES; c++) {
      offers.add(OfferCatalogEntry.newBuilder().setOfferId("o-category-" + c).setName("10% off category-" + c)
          .setKind(OfferKind.PERCENT_OFF).setDiscountValue(10).setTargetCategory("category-" + c)
          .setValidFrom(START.minus(Duration.ofDays(1))).setAllowedChannels(List.of(Channel.POS)).build());
    }
    return offers;
  }

  /** Every record in publishing order: the valid events with the pills among them. */
  public List<Input> inputs() {
    SplittableRandom random = new SplittableRandom(seed);
    List<Input> inputs = new ArrayList<>(events + pills);
    int pillEvery = pills == 0 ? Integer.MAX_VALUE : Math.max(1, events / pills);
    int pillsMade = 0;
    for (int i = 0; i < events; i++) {
      Instant at = START.plusMillis(200L * i);
      int customer = random.nextInt(customers);
      Input event = random.nextDouble() < BASKET_SHARE
          ? basket("s-" + customer, "t-" + i, at, random)
          : click("w-" + customer, customer % 2 == 0, "e-" + i, at, random);
      inputs.add(event);
      if (pillsMade < pills && i % pillEvery == pillEvery / 2) {
        inputs.add(pill(Pill.values()[pillsMade % Pill.values().length], event, random));
        pillsMade++;
      }
    }
    return inputs;
  }

  private static Input click(String customerId, boolean keyedByCustomer, String eventId, Instant at,
      SplittableRandom random) {
    ClickEventType type = CLICKS[random.nextInt(CLICKS.length)];
    int category = random.nextInt(CATEGORIES);
    boolean product = type == ClickEventType.PRODUCT_VIEW;
    String cookie = "k-" + customerId;
    ClickEvent click = ClickEvent.newBuilder().setEventId(eventId).setEventTime(at).setAnonymousId(cookie)
        .setCustomerId(customerId).setSessionId(cookie + "-" + at.truncatedTo(java.time.temporal.ChronoUnit.DAYS))
        .setType(type)
        .setCategory(type == ClickEventType.SEARCH ? null : "category-" + category)
        .setProductId(product ? "product-" + category + "-" + random.nextInt(PRODUCTS_PER_CATEGORY) : null)
        .setPrice(product ? 5.0 + random.nextInt(40) : null)
        .setSearchQuery(type == ClickEventType.SEARCH ? "query" : null)
        .setDevice(Device.MOBILE)
        .build();
    return new Input(Topics.CLICKSTREAM.name(), utf8(keyedByCustomer ? customerId : cookie),
        Topics.CLICKSTREAM.valueSerde().encode(click), null, click, null);
  }

  private static Input basket(String customerId, String transactionId, Instant at, SplittableRandom random) {
    List<LineItem> lines = new ArrayList<>();
    int count = 1 + random.nextInt(4);
    for (int l = 0; l < count; l++) {
      int category = random.nextInt(CATEGORIES);
      lines.add(LineItem.newBuilder().setProductId("product-" + category + "-" + random.nextInt(PRODUCTS_PER_CATEGORY))
          .setCategory("category-" + category).setQuantity(1 + random.nextInt(3))
          .setUnitPrice(1.0 + random.nextInt(30)).build());
    }
    double total = lines.stream().mapToDouble(l -> l.getQuantity() * l.getUnitPrice()).sum();
    PosTransaction basket = PosTransaction.newBuilder().setTransactionId(transactionId).setEventTime(at)
        .setStoreId("store-1").setCustomerId(customerId).setLineItems(lines).setTotal(total).build();
    return new Input(Topics.POS_TRANSACTIONS.name(), utf8(customerId),
        Topics.POS_TRANSACTIONS.valueSerde().encode(basket), null, null, basket);
  }

  /** A malformed record made from a valid one, on the same topic and key (a null key for NULL_KEY). */
  private static Input pill(Pill kind, Input from, SplittableRandom random) {
    byte[] value = switch (kind) {
      case RANDOM_BYTES -> {
        byte[] bytes = new byte[1 + random.nextInt(40)];
        random.nextBytes(bytes);
        bytes[0] = 0x7F; // never the single-object marker (0xC3 0x01), so never accidentally valid
        yield bytes;
      }
      case TRUNCATED_AVRO -> Arrays.copyOf(from.value(), from.value().length / 2);
      case UNKNOWN_FINGERPRINT -> {
        byte[] bytes = from.value().clone();
        for (int i = 2; i < 10; i++) {
          bytes[i] = (byte) ~bytes[i];
        }
        yield bytes;
      }
      case EMPTY_VALUE -> new byte[0];
      case NULL_KEY -> from.value().clone();
    };
    return new Input(from.topic(), kind == Pill.NULL_KEY ? null : from.key(), value, kind, null, null);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
