package io.persona.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.persona.PersonaApp;
import io.persona.avro.OfferKpi;
import io.persona.http.HttpReply;
import io.persona.http.QueryParams;
import io.persona.serde.JsonAvro;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's own paths, every one under the server's {@code /} context, GET only: {@code /} (to the marketer's page),
 * {@code /health}, {@code /ready} and {@code /metrics}, open; then, behind the bearer tokens,
 * {@code /offers/{id}/kpis} and {@code /customers/{id}/profile|consent|offers}, the latter answered by the instance
 * that owns the customer.
 */
final class QueryApi implements HttpHandler {
  // the lines operators know as the API server's
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
  private static final Pattern CUSTOMER = Pattern.compile("/customers/([^/]+)/(profile|offers|consent)");
  private static final Pattern OFFER_KPIS = Pattern.compile("/offers/([^/]+)/kpis");

  private final PersonaApp app;
  private final OfferQueries queries;
  private final ApiTokens tokens;
  private final InstanceRouter router;
  private final CustomerAnswers answers;

  QueryApi(PersonaApp app, ApiTokens tokens, InstanceRouter router, CustomerAnswers answers) {
    this.app = app;
    this.queries = app.queries();
    this.tokens = tokens;
    this.router = router;
    this.answers = answers;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    HttpReply reply;
    try {
      reply = "GET".equals(exchange.getRequestMethod()) ? route(exchange)
          : HttpReply.error(405, "only GET is supported");
    } catch (RuntimeException e) {
      LOG.warn("request failed: {}", e.getClass().getSimpleName()); // never the path: it holds a customer id
      reply = HttpReply.error(500, "internal error");
    }
    try (exchange) {
      reply.send(exchange);
    }
  }

  private HttpReply route(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    return switch (path) {
      case "/" -> HttpReply.redirect("/ui/");
      case "/health" -> HttpReply.json(200, JSON.createObjectNode().put("status", "UP"));
      case "/metrics" -> HttpReply.text(200, app.scrapeMetrics(), PROMETHEUS);
      case "/ready" -> readiness();
      default -> guarded(exchange, path);
    };
  }

  private HttpReply readiness() {
    State state = app.state();
    HttpReply reply = HttpReply.json(state == State.RUNNING ? 200 : 503,
        JSON.createObjectNode().put("state", state.name()));
    return state == State.RUNNING ? reply : reply.retryAfter(1);
  }

  /** Any other path needs a token, an unknown one too: 401 comes before 404. */
  private HttpReply guarded(HttpExchange exchange, String path) {
    Matcher offer = OFFER_KPIS.matcher(path);
    Matcher customer = CUSTOMER.matcher(path);
    boolean profile = customer.matches() && !customer.group(2).equals("offers");
    Optional<HttpReply> refusal = BearerAuth.refusal(tokens, exchange.getRequestHeaders().getFirst("Authorization"),
        profile, "this token may read offers, not profiles");
    if (refusal.isPresent()) {
      return refusal.get();
    }
    if (offer.matches()) {
      OfferKpi kpi = queries.kpis(QueryParams.decode(offer.group(1)));
      return kpi == null ? HttpReply.error(404, "no KPIs for this offer") : HttpReply.json(200, JsonAvro.toJson(kpi));
    }
    if (customer.matches()) {
      return customer(exchange, QueryParams.decode(customer.group(1)), customer.group(2));
    }
    return HttpReply.error(404, "no such resource");
  }

  private HttpReply customer(HttpExchange exchange, String customerId, String what) {
    Map<String, String> params = QueryParams.of(exchange.getRequestURI());
    CustomerRequest request;
    try {
      request = CustomerRequest.of(what, params);
    } catch (IllegalArgumentException e) {
      return HttpReply.error(400, e.getMessage());
    }
    return router.route(customerId, exchange.getRequestURI(), exchange.getRequestHeaders(),
        () -> answers.answer(customerId, request));
  }
}
