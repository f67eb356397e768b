package io.persona.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.persona.avro.ClickEvent;
import io.persona.avro.ClickEventType;
import io.persona.avro.Device;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Segment-shaped events (the HTTP Tracking API's {@code track}, {@code page} and {@code identify}) as clicks.
 * {@code track} takes the e-commerce spec's event names; {@code identify} is the login that links the anonymous id to
 * the customer ({@code userId}). The message id becomes the event id, so a retried request is deduplicated by the engine.
 */
public final class SegmentEvents {
  /** Segment's e-commerce spec event names, and what each means to a profile. */
  static final Map<String, ClickEventType> TRACKED = Map.of(
      "Product Viewed", ClickEventType.PRODUCT_VIEW,
      "Product Clicked", ClickEventType.PRODUCT_VIEW,
      "Products Searched", ClickEventType.SEARCH,
      "Product Added", ClickEventType.ADD_TO_CART,
      "Product Removed", ClickEventType.REMOVE_FROM_CART,
      "Checkout Started", ClickEventType.CHECKOUT,
      "Order Completed", ClickEventType.PURCHASE);
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
  private static final String KNOWN = String.join(", ", new TreeSet<>(TRACKED.keySet()));

  private SegmentEvents() {}

  /**
   * @param type {@code track}, {@code page} or {@code identify}: the endpoint's, or the batch item's own
   * @param receivedAt when the collector got it: the event time of an event without a timestamp
   */
  public static ClickEvent toClick(JsonNode event, String type, int index, Instant receivedAt) {
    if (event == null || !event.isObject()) {
      throw new BadEvent(index, "", "an event must be a JSON object");
    }
    Fields fields = new Fields(event, index);
    String anonymousId = fields.text("anonymousId");
    String userId = fields.text("userId");
    if (anonymousId == null) {
      throw new BadEvent(index, "anonymousId", "anonymousId is required (the device's id, kept across visits)");
    }
    ClickEvent.Builder click = ClickEvent.newBuilder()
        .setEventId(messageId(fields))
        .setEventTime(eventTime(fields, receivedAt))
        .setAnonymousId(anonymousId)
        .setCustomerId(userId)
        .setSessionId(sessionId(fields, anonymousId))
        .setDevice(device(fields));
    switch (type) {
      case "track" -> track(fields, click.setUrl(withoutQuery(fields.text("context.page.url"))));
      case "page" -> click.setType(ClickEventType.PAGE_VIEW)
          .setCategory(fields.text("category") != null ? fields.text("category") : fields.text("properties.category"))
          .setUrl(withoutQuery(fields.text("properties.url") != null ? fields.text("properties.url")
              : fields.text("context.page.url")));
      case "identify" -> {
        if (userId == null) {
          throw new BadEvent(index, "userId", "identify needs the userId (the customer id) the device logged in as");
        }
        click.setType(ClickEventType.LOGIN);
      }
      default -> throw new BadEvent(index, "type", "type must be track, page or identify");
    }
    return click.build();
  }

  private static void track(Fields fields, ClickEvent.Builder click) {
    String name = fields.text("event");
    if (name == null) {
      throw new BadEvent(fields.index, "event", "event is required: one of " + KNOWN);
    }
    ClickEventType type = TRACKED.get(name);
    if (type == null) {
      throw new BadEvent(fields.index, "event", "event is not one Persona learns from; one of " + KNOWN);
    }
    click.setType(type)
        .setProductId(fields.text("properties.product_id"))
        .setCategory(fields.text("properties.category"))
        .setBrand(fields.text("properties.brand"))
        .setPrice(fields.amount("properties.price"))
        .setQuantity(fields.count("properties.quantity"))
        .setSearchQuery(fields.text("properties.query"));
    if ((type == ClickEventType.PRODUCT_VIEW || type == ClickEventType.ADD_TO_CART
        || type == ClickEventType.REMOVE_FROM_CART) && click.getProductId() == null) {
      throw new BadEvent(fields.index, "properties.product_id", name + " needs properties.product_id");
    }
  }

  private static String messageId(Fields fields) {
    String id = fields.text("messageId");
    return id != null ? id : UUID.randomUUID().toString();
  }

  private static Instant eventTime(Fields fields, Instant receivedAt) {
    String timestamp = fields.text("timestamp");
    if (timestamp == null) {
      return receivedAt;
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(timestamp).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadEvent(fields.index, "timestamp", "timestamp must be ISO-8601 with an offset, such as "
          + "2026-12-06T10:15:30.000Z");
    }
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      throw new BadEvent(fields.index, "timestamp", "timestamp must be between " + EARLIEST + " and " + LATEST);
    }
    return at;
  }

  /** The tracker's session ({@code context.sessionId}), else one session per device. */
  private static String sessionId(Fields fields, String anonymousId) {
    String session = fields.text("context.sessionId");
    return session != null ? session : anonymousId;
  }

  private static Device device(Fields fields) {
    String type = fields.text("context.device.type");
    if (type == null) {
      return Device.UNKNOWN;
    }
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "mobile", "phone", "ios", "android" -> Device.MOBILE;
      case "tablet" -> Device.TABLET;
      case "desktop", "computer" -> Device.DESKTOP;
      case "app" -> Device.APP;
      default -> Device.UNKNOWN;
    };
  }

  private static String withoutQuery(String url) {
    if (url == null) {
      return null;
    }
    int cut = url.indexOf('?');
    int hash = url.indexOf('#');
    if (hash >= 0 && (cut < 0 || hash < cut)) {
      cut = hash;
    }
    return cut < 0 ? url : url.substring(0, cut);
  }

  /** Fields by dotted path, each checked for its type, a bad one named with its path. */
  private record Fields(JsonNode event, int index) {
    private JsonNode at(String path) {
      JsonNode node = event;
      for (String part : path.split("\\.")) {
        node = node == null ? null : node.get(part);
      }
      return node == null || node.isNull() ? null : node;
    }

    String text(String path) {
      JsonNode node = at(path);
      if (node == null) {
        return null;
      }
      if (!node.isTextual() && !node.isNumber()) {
        throw new BadEvent(index, path, path + " must be a string");
      }
      String text = node.asText().trim();
      if (text.length() > 1024) {
        throw new BadEvent(index, path, path + " is longer than 1,024 characters");
      }
      return text.isEmpty() ? null : text;
    }

    Double amount(String path) {
      JsonNode node = at(path);
      if (node == null) {
        return null;
      }
      if (!node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() < 0) {
        throw new BadEvent(index, path, path + " must be a number >= 0");
      }
      return node.asDouble();
    }

    Integer count(String path) {
      JsonNode node = at(path);
      if (node == null) {
        return null;
      }
      if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() <= 0) {
        throw new BadEvent(index, path, path + " must be a whole number > 0");
      }
      return node.asInt();
    }
  }
}
