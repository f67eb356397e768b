package io.persona.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.persona.avro.ClickEvent;
import io.persona.config.PersonaConfig;
import io.persona.http.HttpReply;
import io.persona.topology.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segment's HTTP Tracking API, for web trackers: {@code POST /v1/track}, {@code /v1/page}, {@code /v1/identify} and
 * {@code /v1/batch}, with CORS for browsers and a write key (Basic auth user, or the body's {@code writeKey}).
 *
 * <p>202 only once Kafka has acknowledged every event of the request. A batch is validated whole: one bad event
 * answers 400 naming its index and field, and nothing of the batch is published. When Kafka does not acknowledge in
 * time: 503 with Retry-After; some of the batch may be in Kafka already, and the tracker sends the same events again
 * (their message ids make the engine count each once).
 */
public final class CollectorHandler implements HttpHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CollectorHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> EVENT_TYPES = Set.of("track", "page", "identify");
  private static final int MAX_IN_FLIGHT = 8;

  private final CollectorSettings settings;
  private final EventValidator validator;
  private final ClickPublisher publisher;
  private final Clock clock;
  // the API's threads also answer /ready and queries: a broker outage must not hold all of them
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

  CollectorHandler(CollectorSettings settings, EventValidator validator, ClickPublisher publisher, Clock clock) {
    this.settings = settings;
    this.validator = validator;
    this.publisher = publisher;
    this.clock = clock;
  }

  public static CollectorHandler start(PersonaConfig config) {
    CollectorSettings settings = config.collector();
    return new CollectorHandler(settings, config.events(), new ClickPublisher(config, settings.ackTimeout()),
        Clock.systemUTC());
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String origin = exchange.getRequestHeaders().getFirst("Origin");
      String allowed = settings.allowOrigin(origin);
      if (allowed != null) {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", allowed);
        exchange.getResponseHeaders().set("Vary", "Origin");
      }
      if ("OPTIONS".equals(exchange.getRequestMethod())) {
        preflight(exchange, origin != null && allowed == null);
        return;
      }
      HttpReply reply;
      try {
        reply = collect(exchange, origin != null && allowed == null);
      } catch (RuntimeException e) {
        LOG.warn("collect failed: {}", e.getClass().getSimpleName()); // never the body: it holds personal data
        reply = HttpReply.error(500, "internal error");
      }
      reply.send(exchange);
    }
  }

  @Override
  public void close() {
    publisher.close();
  }

  private HttpReply collect(HttpExchange exchange, boolean foreignOrigin) throws IOException {
    if (foreignOrigin) {
      return HttpReply.error(403, "this origin may not send events (collector.allowed.origins)");
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      return HttpReply.error(405, "send events with POST").header("Allow", "POST, OPTIONS");
    }
    String kind = exchange.getRequestURI().getPath().substring("/v1/".length());
    if (!EVENT_TYPES.contains(kind) && !kind.equals("batch")) {
      return HttpReply.error(404, "no such endpoint: /v1/track, /v1/page, /v1/identify or /v1/batch");
    }
    byte[] body = readAtMost(exchange.getRequestBody(), settings.maxRequestBytes());
    if (body == null) {
      return HttpReply.error(413,
          "the request is larger than " + settings.maxRequestBytes() + " bytes; send fewer events");
    }
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return HttpReply.error(400, "the body is not valid JSON");
    }
    if (request == null || !request.isObject()) {
      return HttpReply.error(400, "the body must be a JSON object");
    }
    if (!settings.accepts(writeKey(exchange, request))) {
      return HttpReply.error(401, "a valid write key is required (Basic auth user name, or the body's writeKey)")
          .header("WWW-Authenticate", "Basic realm=\"persona-collector\"");
    }
    List<ClickEvent> clicks;
    try {
      clicks = clicks(kind, request, clock.instant());
    } catch (BadEvent e) {
      ObjectNode error = JSON.createObjectNode()
          .put("error", kind.equals("batch") ? "batch[" + e.index() + "]: " + e.getMessage() : e.getMessage())
          .put("field", e.field());
      if (kind.equals("batch")) {
        error.put("index", e.index());
      }
      return HttpReply.json(400, error);
    }
    if (!inFlight.tryAcquire()) {
      return HttpReply.error(503, "too many requests wait for Kafka; send them again").retryAfter(1);
    }
    try {
      publisher.publish(clicks);
    } catch (ClickPublisher.Unavailable e) {
      LOG.warn("Kafka did not acknowledge {} event(s) in time ({}): answered 503", clicks.size(), e.getMessage());
      return HttpReply.error(503, "Kafka did not acknowledge the events in time; send them again").retryAfter(5);
    } finally {
      inFlight.release();
    }
    return HttpReply.json(202, JSON.createObjectNode().put("accepted", clicks.size()));
  }

  private List<ClickEvent> clicks(String kind, JsonNode request, Instant receivedAt) {
    if (EVENT_TYPES.contains(kind)) {
      return List.of(checked(SegmentEvents.toClick(request, kind, 0, receivedAt), 0));
    }
    JsonNode batch = request.get("batch");
    if (batch == null || !batch.isArray()) {
      throw new BadEvent(0, "batch", "batch must be an array of events");
    }
    List<ClickEvent> clicks = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      JsonNode event = batch.get(i);
      JsonNode type = event.get("type");
      if (type == null || !type.isTextual() || !EVENT_TYPES.contains(type.asText())) {
        throw new BadEvent(i, "type", "type must be track, page or identify");
      }
      clicks.add(checked(SegmentEvents.toClick(event, type.asText(), i, receivedAt), i));
    }
    return clicks;
  }

  /**
   * The engine's own rules. Only lateness is left to the engine, which knows how far its partition has got: an event
   * older than the grace period behind its partition's newest is dead-lettered there.
   */
  private ClickEvent checked(ClickEvent click, int index) {
    long now = clock.millis();
    Optional<String> reason = validator.check(Topics.CLICKSTREAM.keyOf(click), click, now, -1);
    if (reason.isPresent()) {
      String why = reason.get();
      throw new BadEvent(index, why.startsWith("eventTime") ? "timestamp" : "", why.replace("eventTime", "timestamp"));
    }
    return click;
  }

  private static String writeKey(HttpExchange exchange, JsonNode request) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String user = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = user.indexOf(':');
        return colon < 0 ? user : user.substring(0, colon);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    JsonNode key = request.get("writeKey");
    return key != null && key.isTextual() ? key.asText() : null;
  }

  private void preflight(HttpExchange exchange, boolean foreignOrigin) throws IOException {
    if (!foreignOrigin) {
      exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST, OPTIONS");
      exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type, Authorization");
      exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
    }
    exchange.sendResponseHeaders(foreignOrigin ? 403 : 204, -1);
  }

  /** The whole body, or null when it is longer than {@code limit}. */
  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    byte[] body = in.readNBytes(limit + 1);
    return body.length > limit ? null : body;
  }
}
