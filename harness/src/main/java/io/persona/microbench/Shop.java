package io.persona.microbench;

import io.persona.avro.Channel;
import io.persona.avro.ClickEvent;
import io.persona.avro.ClickEventType;
import io.persona.avro.CustomerProfile;
import io.persona.avro.Device;
import io.persona.avro.LineItem;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKind;
import io.persona.avro.PosTransaction;
import io.persona.profile.ProfileUpdater;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Inputs shared by the benchmarks: clicks and baskets over 40 categories, a catalog, a profile warmed by them. */
final class Shop {
  static final int CATEGORIES = 40;
  static final int PRODUCTS = 50;
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private Shop() {}

  static List<ClickEvent> clicks(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<ClickEvent> clicks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int category = random.nextInt(4) == 0 ? random.nextInt(CATEGORIES) : random.nextInt(3);
      int product = random.nextInt(PRODUCTS);
      clicks.add(ClickEvent.newBuilder().setEventId("e-" + i).setEventTime(T0.plusSeconds(i * 30L))
          .setAnonymousId("cookie-1").setCustomerId("c-1").setSessionId("s-" + i / 20)
          .setType(i % 7 == 0 ? ClickEventType.ADD_TO_CART : ClickEventType.PRODUCT_VIEW)
          .setCategory(category(category)).setBrand("brand-" + product % 12).setProductId(product(category, product))
          .setPrice(2.0 + product % 40).setDevice(Device.MOBILE).build());
    }
    return clicks;
  }

  static List<PosTransaction> baskets(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<PosTransaction> baskets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<LineItem> lines = new ArrayList<>();
      for (int l = 0; l < 1 + random.nextInt(5); l++) {
        int category = random.nextInt(6);
        int product = random.nextInt(PRODUCTS);
        lines.add(LineItem.newBuilder().setProductId(product(category, product)).setCategory(category(category))
            .setBrand("brand-" + product % 12).setQuantity(1 + random.nextInt(3)).setUnitPrice(2.0 + product % 40)
            .build());
      }
      baskets.add(PosTransaction.newBuilder().setTransactionId("t-" + i).setEventTime(T0.plusSeconds(i * 3600L))
          .setStoreId("store-1").setCustomerId("c-1").setLineItems(lines).setTotal(25.0).build());
    }
    return baskets;
  }

  /** One offer per category and one for each of every category's first 10 products: 440 offers. */
  static List<OfferCatalogEntry> catalog() {
    List<OfferCatalogEntry> offers = new ArrayList<>();
    for (int c = 0; c < CATEGORIES; c++) {
      offers.add(offer("o-" + c, null, category(c)));
      for (int p = 0; p < 10; p++) {
        offers.add(offer("o-" + c + "-" + p, product(c, p), category(c)));
      }
    }
    return offers;
  }

  /** A customer with a few weeks of history: 400 clicks and 30 baskets. */
  static CustomerProfile warmProfile(ProfileUpdater updater) {
    CustomerProfile profile = null;
    for (ClickEvent click : clicks(400, 1)) {
      profile = updater.applyClick("c-1", profile, click);
    }
    for (PosTransaction basket : baskets(30, 2)) {
      profile = updater.applyBasket("c-1", profile, basket);
    }
    return profile;
  }

  private static OfferCatalogEntry offer(String id, String product, String category) {
    return OfferCatalogEntry.newBuilder().setOfferId(id).setName(id).setKind(OfferKind.PERCENT_OFF)
        .setTargetProductId(product).setTargetCategory(product == null ? category : null).setDiscountValue(10)
        .setValidFrom(Instant.EPOCH).setAllowedChannels(List.of(Channel.EMAIL, Channel.POS, Channel.PUSH)).build();
  }

  private static String category(int c) {
    return "category-" + c;
  }

  private static String product(int c, int p) {
    return "product-" + c + "-" + p;
  }
}
