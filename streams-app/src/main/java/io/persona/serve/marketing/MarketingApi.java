package io.persona.serve.marketing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.persona.avro.ArmKpi;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKpi;
import io.persona.config.PersonaConfig;
import io.persona.http.HttpReply;
import io.persona.http.QueryParams;
import io.persona.serde.JsonAvro;
import io.persona.serde.JsonAvroException;
import io.persona.serve.ApiTokens;
import io.persona.serve.BearerAuth;
import io.persona.serve.OfferQueries;
import io.persona.topology.JsonLineEncoder;
import io.persona.topology.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the marketer's page asks for, behind the API's tokens: {@code GET /marketing/offers} (every offer with its
 * KPIs and uplift), {@code PUT /marketing/offers/{id}} (create or change, validated as {@code persona produce} does),
 * {@code DELETE /marketing/offers/{id}} (retire), {@code GET /marketing/timeline?offer=} (response rate per day).
 */
public final class MarketingApi implements HttpHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MarketingApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern OFFER = Pattern.compile("/marketing/offers/([^/]+)");
  private static final long TIMELINE_CACHE_NANOS = 15_000_000_000L;
  private static final int MAX_OFFER_BYTES = 64_000;

  private final OfferQueries queries;
  private final ApiTokens tokens;
  private final CatalogWriter catalog;
  private final OutcomeReader outcomes;
  private final JsonLineEncoder catalogEncoder = new JsonLineEncoder(Topics.OFFER_CATALOG);
  private final Map<String, CachedTimeline> timelines = new LinkedHashMap<>();
  private final Set<String> hosts;

  private record CachedTimeline(long at, String json) {}

  public MarketingApi(OfferQueries queries, PersonaConfig config) {
    this.queries = queries;
    this.tokens = config.apiTokens();
    this.catalog = new CatalogWriter(config);
    this.outcomes = new OutcomeReader(config);
    this.hosts = Set.copyOf(List.of("localhost", "127.0.0.1", "[::1]", config.serverHost(), config.advertisedHost()));
  }

  private static String hostOf(String hostHeader) {
    if (hostHeader == null) {
      return "";
    }
    int colon = hostHeader.lastIndexOf(':');
    return colon > hostHeader.lastIndexOf(']') ? hostHeader.substring(0, colon) : hostHeader;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      HttpReply reply;
      try {
        reply = route(exchange);
      } catch (KafkaException e) {
        LOG.warn("marketing request failed: {}", e.getClass().getSimpleName());
        reply = HttpReply.error(503, "Kafka did not answer; try again");
      } catch (IOException | RuntimeException e) {
        LOG.warn("marketing request failed: {}", e.getClass().getSimpleName());
        reply = HttpReply.error(500, "internal error");
      }
      reply.send(exchange);
    }
  }

  @Override
  public void close() {
    catalog.close();
  }

  private HttpReply route(HttpExchange exchange) throws IOException {
    Optional<HttpReply> refusal = BearerAuth.refusal(tokens, exchange.getRequestHeaders().getFirst("Authorization"),
        true, "this token may read offers, not run the marketing page");
    if (refusal.isPresent()) {
      return refusal.get();
    }
    if (!tokens.enabled() && !hosts.contains(hostOf(exchange.getRequestHeaders().getFirst("Host")))) {
      // without tokens, only pages addressed to this server by its own names: no DNS rebinding onto the catalog
      return HttpReply.error(403, "set server.auth.tokens to use the marketing API through another host name");
    }
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if (path.equals("/marketing/offers") && method.equals("GET")) {
      return HttpReply.json(200, offers());
    }
    if (path.equals("/marketing/timeline") && method.equals("GET")) {
      return HttpReply.json(200, timeline(offerParameter(exchange)));
    }
    Matcher offer = OFFER.matcher(path);
    if (offer.matches() && method.equals("PUT")) {
      byte[] body = exchange.getRequestBody().readNBytes(MAX_OFFER_BYTES + 1);
      if (body.length > MAX_OFFER_BYTES) {
        return HttpReply.error(413, "an offer is at most " + MAX_OFFER_BYTES + " bytes of JSON");
      }
      return write(QueryParams.decode(offer.group(1)), new String(body, StandardCharsets.UTF_8));
    }
    if (offer.matches() && method.equals("DELETE")) {
      return retire(QueryParams.decode(offer.group(1)));
    }
    return HttpReply.error(404, "no such resource");
  }

  private ObjectNode offers() throws IOException {
    Map<String, ObjectNode> byId = new LinkedHashMap<>();
    for (OfferCatalogEntry entry : queries.catalog()) {
      ObjectNode node = byId.computeIfAbsent(entry.getOfferId(), id -> JSON.createObjectNode().put("offerId", id));
      node.set("offer", JSON.readTree(JsonAvro.toJson(entry)));
      node.put("status", entry.getActive() ? "active" : "paused");
    }
    ArmKpi treatment = new ArmKpi();
    ArmKpi holdout = new ArmKpi();
    for (OfferKpi kpi : queries.allKpis()) {
      ObjectNode node = byId.computeIfAbsent(kpi.getOfferId(),
          id -> JSON.createObjectNode().put("offerId", id).put("status", "retired"));
      node.set("kpi", JSON.readTree(JsonAvro.toJson(kpi)));
      node.set("uplift", uplift(Uplift.of(kpi.getTreatment(), kpi.getHoldout())));
      ArmTotals.add(treatment, kpi.getTreatment());
      ArmTotals.add(holdout, kpi.getHoldout());
    }
    ObjectNode body = JSON.createObjectNode();
    ArrayNode list = body.putArray("offers");
    byId.values().forEach(list::add);
    ObjectNode all = body.putObject("allOffers").put("sent", treatment.getDecisions())
        .put("redeemed", treatment.getRedeemed()).put("converted", treatment.getConverted())
        .put("heldOut", holdout.getDecisions());
    all.set("uplift", uplift(Uplift.of(treatment, holdout)));
    return body;
  }

  /** One reader at a time: requests that arrive while it reads get its answer from the cache. */
  private synchronized String timeline(String offerId) {
    String key = offerId == null ? "" : offerId;
    CachedTimeline cached = timelines.get(key);
    if (cached != null && System.nanoTime() - cached.at() < TIMELINE_CACHE_NANOS) {
      return cached.json();
    }
    ResponseTimeline timeline = new ResponseTimeline();
    outcomes.readAll(outcome -> timeline.add(outcome, offerId));
    ObjectNode body = JSON.createObjectNode();
    if (offerId != null) {
      body.put("offerId", offerId);
    }
    ArrayNode days = body.putArray("days");
    SortedMap<LocalDate, ResponseTimeline.Day[]> byDay = timeline.days();
    byDay.forEach((day, arms) -> {
      ObjectNode node = days.addObject().put("day", day.toString());
      node.set("treatment", day(arms[0]));
      node.set("holdout", day(arms[1]));
    });
    String json = body.toString();
    if (timelines.size() > 100) {
      timelines.clear();
    }
    timelines.put(key, new CachedTimeline(System.nanoTime(), json));
    return json;
  }

  /** Validated and encoded as {@code persona produce} does it. */
  private HttpReply write(String offerId, String json) {
    JsonLineEncoder.Encoded offer;
    try {
      offer = catalogEncoder.encode(json);
    } catch (JsonAvroException e) {
      return HttpReply.json(400, JSON.createObjectNode().put("error", e.getMessage()).put("field", e.field()));
    }
    if (!offerId.equals(offer.key())) {
      return HttpReply.json(400, JSON.createObjectNode().put("error", "offerId in the body must be the one in the "
          + "path").put("field", "offerId"));
    }
    try {
      catalog.write(offerId, offer.value(), offer.timestamp());
    } catch (TimeoutException e) {
      return HttpReply.error(503, e.getMessage());
    }
    return HttpReply.json(200, JSON.createObjectNode().put("offerId", offerId).put("written", true));
  }

  private HttpReply retire(String offerId) {
    try {
      catalog.write(offerId, null, System.currentTimeMillis());
    } catch (TimeoutException e) {
      return HttpReply.error(503, e.getMessage());
    }
    return HttpReply.json(200, JSON.createObjectNode().put("offerId", offerId).put("retired", true));
  }

  private static ObjectNode uplift(Uplift uplift) {
    return JSON.createObjectNode().put("treatmentRate", uplift.treatmentRate()).put("holdoutRate", uplift.holdoutRate())
        .put("points", uplift.points()).put("low", uplift.low()).put("high", uplift.high());
  }

  private static ObjectNode day(ResponseTimeline.Day day) {
    return JSON.createObjectNode().put("decided", day.decided()).put("closed", day.closed())
        .put("answered", day.answered()).put("responseRate", day.responseRate());
  }

  /** The {@code offer} parameter; absent or empty: all offers. */
  private static String offerParameter(HttpExchange exchange) {
    String offer = QueryParams.of(exchange.getRequestURI()).get("offer");
    return offer == null || offer.isEmpty() ? null : offer;
  }
}
