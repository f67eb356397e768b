package io.persona.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the HTTP API, the marketing API or the collector: status, body, content type (JSON unless made with
 * {@link #text}) and any further headers. Sent whole, with its length.
 */
public record HttpReply(int status, String body, String contentType, Map<String, String> headers) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json";

  public HttpReply {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public static HttpReply json(int status, JsonNode body) {
    return json(status, body.toString());
  }

  /** @param body JSON text, as it goes out */
  public static HttpReply json(int status, String body) {
    return new HttpReply(status, body, JSON_TYPE, Map.of());
  }

  /** {@code {"error": message}} */
  public static HttpReply error(int status, String message) {
    return json(status, JSON.createObjectNode().put("error", message));
  }

  public static HttpReply text(int status, String body, String contentType) {
    return new HttpReply(status, body, contentType, Map.of());
  }

  public static HttpReply redirect(String location) {
    return text(302, "", "text/plain").header("Location", location);
  }

  /** This reply with one more header (or another value for one it has). */
  public HttpReply header(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpReply(status, body, contentType, more);
  }

  public HttpReply retryAfter(int seconds) {
    return header("Retry-After", Integer.toString(seconds));
  }

  public void send(HttpExchange exchange) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    headers.forEach(exchange.getResponseHeaders()::set);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
