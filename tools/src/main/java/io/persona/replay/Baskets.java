package io.persona.replay;

import io.persona.avro.Channel;
import io.persona.avro.LineItem;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKind;
import io.persona.avro.PosTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Transaction lines grouped into POS baskets in event-time order, and a catalog of one offer per product. */
public final class Baskets {
  private static final List<Channel> CHANNELS = List.of(Channel.EMAIL, Channel.POS, Channel.WEB, Channel.PUSH);

  private Baskets() {}

  /**
   * One basket per basket id (a cancellation is a basket of returns: negative quantities), at its earliest line's
   * time, in event-time order; baskets of the same time keep the file's order.
   */
  public static List<PosTransaction> of(List<SaleLine> lines) {
    Map<String, List<SaleLine>> byBasket = new LinkedHashMap<>();
    for (SaleLine line : lines) {
      byBasket.computeIfAbsent(line.basket(), b -> new ArrayList<>()).add(line);
    }
    List<PosTransaction> baskets = new ArrayList<>(byBasket.size());
    for (Map.Entry<String, List<SaleLine>> basket : byBasket.entrySet()) {
      baskets.add(basket(basket.getKey(), basket.getValue()));
    }
    baskets.sort(Comparator.comparing(PosTransaction::getEventTime)); // stable: ties keep the file's order
    return baskets;
  }

  private static PosTransaction basket(String id, List<SaleLine> lines) {
    SaleLine first = lines.get(0);
    Instant at = lines.stream().map(SaleLine::time).min(Comparator.naturalOrder()).orElseThrow();
    List<LineItem> items = new ArrayList<>(lines.size());
    double total = 0;
    for (SaleLine line : lines) {
      items.add(LineItem.newBuilder().setProductId(line.product()).setCategory(line.category())
          .setBrand(line.brand()).setQuantity(line.quantity()).setUnitPrice(line.price()).build());
      total += line.quantity() * line.price();
    }
    return PosTransaction.newBuilder().setTransactionId(id).setEventTime(at)
        .setStoreId(first.store() == null ? "replay" : first.store()).setCustomerId(first.customer())
        .setLineItems(items).setTotal(Math.round(total * 100) / 100.0).build();
  }

  /** One 10%-off offer per product, valid from a day before the first line, named after its description. */
  public static List<OfferCatalogEntry> catalog(List<SaleLine> lines) {
    Instant from = lines.stream().map(SaleLine::time).min(Comparator.naturalOrder()).orElse(Instant.EPOCH)
        .minus(Duration.ofDays(1));
    Map<String, SaleLine> byProduct = new LinkedHashMap<>();
    lines.forEach(line -> byProduct.putIfAbsent(line.product(), line));
    List<OfferCatalogEntry> offers = new ArrayList<>(byProduct.size());
    for (SaleLine line : byProduct.values()) {
      String name = line.description() == null ? line.product() : line.description();
      offers.add(OfferCatalogEntry.newBuilder().setOfferId(offerId(line.product()))
          .setName("10% off " + (name.length() > 60 ? name.substring(0, 60) : name)).setKind(OfferKind.PERCENT_OFF)
          .setTargetProductId(line.product()).setDiscountValue(10).setValidFrom(from).setAllowedChannels(CHANNELS)
          .build());
    }
    return offers;
  }

  public static String offerId(String product) {
    return "o-" + product;
  }
}
