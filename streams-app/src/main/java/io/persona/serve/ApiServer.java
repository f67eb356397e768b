package io.persona.serve;

import static io.persona.serve.Loopback.isLoopback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.persona.PersonaApp;
import io.persona.avro.Channel;
import io.persona.avro.ConsentState;
import io.persona.avro.CustomerProfile;
import io.persona.avro.OfferKpi;
import io.persona.config.PersonaConfig;
import io.persona.decide.Decider.Option;
import io.persona.ingest.CollectorHandler;
import io.persona.ingest.TrackerScript;
import io.persona.privacy.Consents;
import io.persona.serde.JsonAvro;
import io.persona.serve.OfferQueries.NotHostedHereException;
import io.persona.serve.marketing.MarketingApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API, on the JDK's own server, JSON via Jackson:
 * {@code GET /customers/{id}/profile}, {@code GET /customers/{id}/offers?k=10&channel=email&list=top|discover},
 * {@code GET /offers/{id}/kpis}, {@code GET /health}, {@code GET /ready}, {@code GET /metrics} (Prometheus); the
 * event collector ({@code POST /v1/*}, {@link CollectorHandler}) and its tracker ({@code /persona.js}) on the same port.
 *
 * <p>A customer lives on the instance that owns their partition; a request for one owned elsewhere is forwarded there
 * (once: a forwarded request is never forwarded again). 503 with Retry-After while the owner is unknown or restoring,
 * 404 for an unknown customer or offer, 400 for a malformed request. With tokens configured, customer and offer
 * requests need {@code Authorization: Bearer <token>}: 401 without a valid one, 403 for an offers-only token asking for
 * a profile; health, readiness and metrics stay open. Paths, ids and tokens are never logged or echoed.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FORWARDED = "X-Persona-Forwarded";
  private static final Pattern CUSTOMER = Pattern.compile("/customers/([^/]+)/(profile|offers|consent)");
  private static final Pattern OFFER_KPIS = Pattern.compile("/offers/([^/]+)/kpis");
  private static final int MAX_K = 100;

  private final PersonaApp app;
  private final OfferQueries queries;
  private final HostInfo self;
  private final ApiTokens tokens;
  private final HttpServer server;
  // a collector request waits for Kafka's acknowledgement: enough threads for trackers' requests to overlap
  private final ExecutorService workers = Executors.newFixedThreadPool(16);
  private final HttpClient client;
  private final String scheme;
  private final CollectorHandler collector;
  private final Consents consents;
  private final MarketingApi marketing;

  private ApiServer(PersonaApp app, PersonaConfig config) throws IOException {
    this.app = app;
    this.queries = app.queries();
    this.self = new HostInfo(config.advertisedHost(), config.serverPort());
    this.tokens = config.apiTokens();
    InetSocketAddress address = new InetSocketAddress(config.serverHost(), config.serverPort());
    HttpClient.Builder forwarding = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2));
    if (config.apiTls() != null) {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(config.apiTls().server()));
      this.server = https;
      forwarding.sslContext(config.apiTls().client());
      this.scheme = "https";
    } else {
      this.server = HttpServer.create(address, 0);
      this.scheme = "http";
    }
    this.client = forwarding.build();
    server.setExecutor(workers);
    server.createContext("/", this::handle);
    this.consents = config.privacy().consents();
    this.marketing = new MarketingApi(queries, config);
    server.createContext("/marketing/", marketing);
    server.createContext("/ui", new StaticPages("/ui"));
    this.collector = config.collector().enabled() ? CollectorHandler.start(config) : null;
    if (collector != null) {
      server.createContext("/v1/", collector);
      server.createContext("/persona.js", new TrackerScript());
    }
  }

  public static ApiServer start(PersonaApp app, PersonaConfig config) throws IOException {
    // The JDK server writes headers and body apart; with Nagle's algorithm on, a keep-alive client then waits for a
    // delayed ACK, 40 ms a request. Read once, when the server's configuration class loads.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    ApiServer api = new ApiServer(app, config);
    api.server.start();
    LOG.info("HTTP API on {}://{}:{} (advertised as {}), {}", api.scheme, config.serverHost(), config.serverPort(),
        config.advertisedHost(), config.apiTokens().enabled() ? "bearer tokens required for customers and offers"
            : "OPEN: no tokens set (server.auth.tokens)");
    if (!config.apiTokens().enabled() && !isLoopback(config.serverHost())) {
      LOG.warn("the HTTP API is bound to {} without tokens: anyone who reaches the port can read every profile "
          + "and change the offer catalog. Set server.auth.tokens", config.serverHost());
    }
    if (config.collector().enabled() && config.collector().writeKeys().isEmpty() && !isLoopback(config.serverHost())) {
      LOG.warn("the event collector (/v1/*) is bound to {} without write keys: anyone who reaches the port can send "
          + "events. Set collector.write.keys", config.serverHost());
    }
    return api;
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
    if (collector != null) {
      collector.close();
    }
    marketing.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    HttpReply reply;
    try {
      reply = "GET".equals(exchange.getRequestMethod()) ? route(exchange) : HttpReply.error(405, "only GET is supported");
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
    if (path.equals("/")) {
      return HttpReply.redirect("/ui/");
    }
    if (path.equals("/health")) {
      return HttpReply.json(200, JSON.createObjectNode().put("status", "UP"));
    }
    if (path.equals("/metrics")) {
      return HttpReply.text(200, app.scrapeMetrics(), "text/plain; version=0.0.4; charset=utf-8");
    }
    if (path.equals("/ready")) {
      State state = app.state();
      HttpReply ready = HttpReply.json(state == State.RUNNING ? 200 : 503,
          JSON.createObjectNode().put("state", state.name()));
      return state == State.RUNNING ? ready : ready.retryAfter(1);
    }
    Matcher offer = OFFER_KPIS.matcher(path);
    Matcher customer = CUSTOMER.matcher(path);
    boolean profile = customer.matches() && !customer.group(2).equals("offers");
    Optional<HttpReply> refusal = BearerAuth.refusal(tokens, exchange.getRequestHeaders().getFirst("Authorization"),
        profile, "this token may read offers, not profiles");
    if (refusal.isPresent()) {
      return refusal.get();
    }
    if (offer.matches()) {
      OfferKpi kpi = queries.kpis(decode(offer.group(1)));
      return kpi == null ? HttpReply.error(404, "no KPIs for this offer") : HttpReply.json(200, JsonAvro.toJson(kpi));
    }
    if (customer.matches()) {
      return customer(exchange, decode(customer.group(1)), customer.group(2));
    }
    return HttpReply.error(404, "no such resource");
  }

  private HttpReply customer(HttpExchange exchange, String customerId, String what) {
    Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
    Request request;
    try {
      request = Request.of(what, params);
    } catch (IllegalArgumentException e) {
      return HttpReply.error(400, e.getMessage());
    }
    HostInfo owner = queries.ownerOf(customerId);
    if (owner == null) {
      return HttpReply.error(503, "the customer's partition has no owner right now").retryAfter(1);
    }
    if (!owner.equals(self)) {
      if (exchange.getRequestHeaders().containsKey(FORWARDED)) {
        return HttpReply.error(503, "ownership is moving").retryAfter(1);
      }
      return forward(owner, exchange.getRequestURI(), exchange.getRequestHeaders().getFirst("Authorization"));
    }
    try {
      return request.offers() ? offers(customerId, request)
          : what.equals("consent") ? consent(customerId) : profile(customerId);
    } catch (NotHostedHereException e) {
      return HttpReply.error(503, "the customer's state is restoring").retryAfter(1);
    }
  }

  private HttpReply profile(String customerId) {
    CustomerProfile profile = queries.profile(customerId);
    return profile == null ? HttpReply.error(404, "unknown customer") : HttpReply.json(200, JsonAvro.toJson(profile));
  }

  /** Whether each channel may be used now (in the latest event time processed), and the recorded changes. */
  private HttpReply consent(String customerId) {
    ConsentState state = queries.consent(customerId);
    Instant now = queries.asOf(customerId);
    ObjectNode body = JSON.createObjectNode().put("customerId", customerId).put("asOf", now.toString());
    ObjectNode allowed = body.putObject("allowed");
    for (Channel channel : Channel.values()) {
      if (channel != Channel.UNKNOWN) {
        allowed.put(channel.name(), consents.allows(state, channel, now));
      }
    }
    try {
      body.set("changes", state == null ? JSON.createArrayNode() : JSON.readTree(JsonAvro.toJson(state)).path("changes"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HttpReply.json(200, body);
  }

  private HttpReply offers(String customerId, Request request) {
    List<Option> top = request.discover() ? queries.discoveries(customerId, request.channel(), request.k())
        : queries.topOffers(customerId, request.channel(), request.k());
    ArrayNode offers = JSON.createArrayNode();
    for (Option option : top) {
      ObjectNode node = offers.addObject()
          .put("offerId", option.offer().getOfferId())
          .put("name", option.offer().getName())
          .put("score", option.ranked().score())
          .put("heldBack", option.heldBack());
      putIfSet(node, "targetProductId", option.offer().getTargetProductId());
      putIfSet(node, "targetCategory", option.offer().getTargetCategory());
      putIfSet(node, "targetBrand", option.offer().getTargetBrand());
      option.ranked().candidate().reasons().forEach(node.putArray("reasonCodes")::add);
    }
    ObjectNode body = JSON.createObjectNode().put("customerId", customerId)
        .put("channel", request.channel().name()).put("list", request.discover() ? "discover" : "top")
        .put("k", request.k());
    body.set("offers", offers);
    return HttpReply.json(200, body);
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  /** The owner authenticates the caller again: the caller's own token goes along, the header only stops loops. */
  private HttpReply forward(HostInfo owner, URI uri, String authorization) {
    URI target = URI.create(scheme + "://" + owner.host() + ":" + owner.port() + uri.getRawPath()
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5)).header(FORWARDED, "1");
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
      HttpReply reply = BearerAuth.challenged(HttpReply.json(response.statusCode(), response.body()));
      return response.headers().firstValue("Retry-After").isPresent() ? reply.retryAfter(1) : reply;
    } catch (IOException e) {
      return HttpReply.error(503, "the owning instance did not answer").retryAfter(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HttpReply.error(503, "interrupted").retryAfter(1);
    }
  }

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
      }
    }
    return params;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /** What a customer request asks: the profile, or the top k (or discovery) offers on a channel. */
  private record Request(boolean offers, int k, Channel channel, boolean discover) {
    static Request of(String what, Map<String, String> params) {
      if (!what.equals("offers")) {
        return new Request(false, 0, Channel.UNKNOWN, false);
      }
      String list = params.getOrDefault("list", "top");
      if (!list.equals("top") && !list.equals("discover")) {
        throw new IllegalArgumentException("list must be top or discover");
      }
      int k;
      try {
        k = Integer.parseInt(params.getOrDefault("k", "10"));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("k must be a whole number from 1 to " + MAX_K);
      }
      if (k < 1 || k > MAX_K) {
        throw new IllegalArgumentException("k must be a whole number from 1 to " + MAX_K);
      }
      String channel = params.getOrDefault("channel", "email").toUpperCase(Locale.ROOT);
      try {
        Channel parsed = Channel.valueOf(channel);
        if (parsed == Channel.UNKNOWN) {
          throw new IllegalArgumentException();
        }
        return new Request(true, k, parsed, list.equals("discover"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("channel must be one of email, sms, push, ad, web, pos");
      }
    }
  }
}
