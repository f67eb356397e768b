package io.persona.testkit;

import io.persona.avro.Channel;
import io.persona.avro.ClickEvent;
import io.persona.avro.ClickEventType;
import io.persona.avro.Device;
import io.persona.avro.LineItem;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKind;
import io.persona.avro.PosTransaction;
import java.time.Instant;
import java.util.List;

/** Small, readable events for tests. */
public final class TestEvents {
  public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private TestEvents() {}

  public static ClickEvent click(String eventId, String anonymousId, String customerId, Instant at) {
    return ClickEvent.newBuilder()
        .setEventId(eventId)
        .setEventTime(at)
        .setAnonymousId(anonymousId)
        .setCustomerId(customerId)
        .setSessionId("s-" + anonymousId)
        .setType(ClickEventType.PRODUCT_VIEW)
        .setProductId("p-42")
        .setCategory("garden")
        .setBrand("acme")
        .setPrice(19.99)
        .setDevice(Device.MOBILE)
        .build();
  }

  public static ClickEvent click(String eventId, String anonymousId, String customerId, Instant at,
      ClickEventType type, String category, String brand, String productId) {
    ClickEvent click = click(eventId, anonymousId, customerId, at);
    click.setType(type);
    click.setCategory(category);
    click.setBrand(brand);
    click.setProductId(productId);
    return click;
  }

  public static LineItem line(String productId, String category, String brand, int quantity, double unitPrice) {
    return LineItem.newBuilder().setProductId(productId).setCategory(category).setBrand(brand)
        .setQuantity(quantity).setUnitPrice(unitPrice).build();
  }

  /** A basket of the given lines; its total is what they add up to (negative for returns). */
  public static PosTransaction basket(String transactionId, String customerId, Instant at, LineItem... lines) {
    double total = 0;
    for (LineItem line : lines) {
      total += line.getQuantity() * line.getUnitPrice();
    }
    return PosTransaction.newBuilder().setTransactionId(transactionId).setEventTime(at).setStoreId("store-7")
        .setCustomerId(customerId).setLineItems(List.of(lines)).setTotal(total).build();
  }

  public static PosTransaction basket(String transactionId, String customerId, Instant at, double total) {
    return PosTransaction.newBuilder()
        .setTransactionId(transactionId)
        .setEventTime(at)
        .setStoreId("store-7")
        .setCustomerId(customerId)
        .setLineItems(List.of(LineItem.newBuilder()
            .setProductId("p-42").setCategory("garden").setBrand("acme").setQuantity(1).setUnitPrice(total).build()))
        .setTotal(total)
        .build();
  }

  /** An active offer valid from long before {@link #T0}, on email, ad, POS and push; target product or category. */
  public static OfferCatalogEntry offer(String offerId, String productId, String category) {
    return OfferCatalogEntry.newBuilder()
        .setOfferId(offerId)
        .setName("offer " + offerId)
        .setKind(OfferKind.PERCENT_OFF)
        .setTargetProductId(productId)
        .setTargetCategory(category)
        .setDiscountValue(10)
        .setValidFrom(T0.minus(java.time.Duration.ofDays(365)))
        .setAllowedChannels(List.of(Channel.EMAIL, Channel.AD, Channel.POS, Channel.PUSH))
        .build();
  }
}
