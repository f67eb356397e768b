package io.persona.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.persona.avro.ClickEvent;
import io.persona.avro.ClickEventType;
import io.persona.avro.Device;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SegmentEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  @Test
  void shouldReadAnEcommerceTrackEventAsAClick() throws Exception {
    ClickEvent click = SegmentEvents.toClick(json("""
        {"event": "Product Added", "messageId": "m-1", "anonymousId": "a-1", "userId": "c-1",
         "timestamp": "2026-12-06T09:59:58.500+01:00",
         "properties": {"product_id": "p-9", "category": "garden", "brand": "Acme", "price": 19.5, "quantity": 2},
         "context": {"sessionId": "s-1", "device": {"type": "mobile"}, "page": {"url": "https://shop/p/9?utm=x"}}}
        """), "track", 0, NOW);

    assertThat(click.getType()).isEqualTo(ClickEventType.ADD_TO_CART);
    assertThat(click.getEventId()).isEqualTo("m-1");
    assertThat(click.getEventTime()).isEqualTo(Instant.parse("2026-12-06T08:59:58.500Z"));
    assertThat(click.getCustomerId()).isEqualTo("c-1");
    assertThat(click.getSessionId()).isEqualTo("s-1");
    assertThat(click.getProductId()).isEqualTo("p-9");
    assertThat(click.getCategory()).isEqualTo("garden");
    assertThat(click.getBrand()).isEqualTo("Acme");
    assertThat(click.getPrice()).isEqualTo(19.5);
    assertThat(click.getQuantity()).isEqualTo(2);
    assertThat(click.getDevice()).isEqualTo(Device.MOBILE);
    assertThat(click.getUrl()).as("no query string: it can hold personal data").isEqualTo("https://shop/p/9");
  }

  @Test
  void shouldTakeIdentifyAsTheLoginThatLinksTheDeviceToTheCustomer() throws Exception {
    ClickEvent login = SegmentEvents.toClick(json("{\"anonymousId\": \"a-1\", \"userId\": \"c-1\"}"), "identify", 0, NOW);

    assertThat(login.getType()).isEqualTo(ClickEventType.LOGIN);
    assertThat(login.getCustomerId()).isEqualTo("c-1");
    assertThat(login.getAnonymousId()).isEqualTo("a-1");
    assertThat(login.getEventTime()).as("no timestamp: when it was received").isEqualTo(NOW);
    assertThat(login.getSessionId()).as("no session: one per device").isEqualTo("a-1");
  }

  @Test
  void shouldReadAPageViewWithItsCategory() throws Exception {
    ClickEvent page = SegmentEvents.toClick(json("""
        {"anonymousId": "a-1", "category": "garden", "properties": {"url": "https://shop/garden#top"}}
        """), "page", 0, NOW);

    assertThat(page.getType()).isEqualTo(ClickEventType.PAGE_VIEW);
    assertThat(page.getCategory()).isEqualTo("garden");
    assertThat(page.getUrl()).isEqualTo("https://shop/garden");
  }

  @Test
  void shouldNameTheFieldOfAnEventItCannotTake() {
    assertRefused("{\"event\": \"Product Viewed\", \"userId\": \"c-1\"}", "track", "anonymousId");
    assertRefused("{\"event\": \"Video Played\", \"anonymousId\": \"a\"}", "track", "event");
    assertRefused("{\"event\": \"Product Viewed\", \"anonymousId\": \"a\"}", "track", "properties.product_id");
    assertRefused("{\"event\": \"Product Viewed\", \"anonymousId\": \"a\", \"properties\": {\"product_id\": \"p\", "
        + "\"price\": -3}}", "track", "properties.price");
    assertRefused("{\"event\": \"Product Added\", \"anonymousId\": \"a\", \"properties\": {\"product_id\": \"p\", "
        + "\"quantity\": 1.5}}", "track", "properties.quantity");
    assertRefused("{\"anonymousId\": \"a\", \"timestamp\": \"yesterday\"}", "page", "timestamp");
    assertRefused("{\"anonymousId\": \"a\", \"timestamp\": \"1969-12-31T23:59:59Z\"}", "page", "timestamp");
    assertRefused("{\"anonymousId\": \"a\"}", "identify", "userId");
    assertRefused("{\"anonymousId\": {\"id\": 1}}", "page", "anonymousId");
  }

  private static void assertRefused(String event, String type, String field) {
    assertThatThrownBy(() -> SegmentEvents.toClick(json(event), type, 3, NOW))
        .isInstanceOfSatisfying(BadEvent.class, bad -> {
          assertThat(bad.field()).isEqualTo(field);
          assertThat(bad.index()).isEqualTo(3);
        });
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
