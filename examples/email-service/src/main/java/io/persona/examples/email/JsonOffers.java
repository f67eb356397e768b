package io.persona.examples.email;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads an offer written with {@code output.format=json}. Fields it does not know are ignored, so a newer Persona
 * that adds fields does not break it.
 */
public final class JsonOffers {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private JsonOffers() {}

  public static Offer parse(byte[] value) throws IOException {
    JsonNode node = MAPPER.readTree(value);
    return new Offer(text(node, "offerEventId"), text(node, "customerId"), text(node, "offerId"),
        text(node, "channel"), text(node, "offerName"), text(node, "offerKind"),
        node.path("discountValue").isNumber() ? node.get("discountValue").asDouble() : null,
        Instant.parse(text(node, "expiresAt")));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
