package io.persona.serve;

import static io.persona.http.Loopback.isLoopback;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.persona.PersonaApp;
import io.persona.config.PersonaConfig;
import io.persona.ingest.CollectorHandler;
import io.persona.ingest.TrackerScript;
import io.persona.serve.marketing.MarketingApi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 *
 * <p>This class starts and stops the server and says which handler takes which path: {@link QueryApi} the API's own,
 * {@link MarketingApi} the marketer's, {@link StaticPages} the marketer's page, the collector its events.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final HttpServer server;
  // a collector request waits for Kafka's acknowledgement: enough threads for trackers' requests to overlap
  private final ExecutorService workers = Executors.newFixedThreadPool(16);
  private final MarketingApi marketing;
  private final CollectorHandler collector;

  private ApiServer(PersonaApp app, PersonaConfig config) throws IOException {
    this.server = bind(new InetSocketAddress(config.serverHost(), config.serverPort()), config.apiTls());
    server.setExecutor(workers);
    OfferQueries queries = app.queries();
    InstanceRouter router = new InstanceRouter(queries::ownerOf,
        new HostInfo(config.advertisedHost(), config.serverPort()), config.apiTls());
    CustomerAnswers answers = new CustomerAnswers(queries, config.privacy().consents());
    server.createContext("/", new QueryApi(app, config.apiTokens(), router, answers));
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
    LOG.info("HTTP API on {}://{}:{} (advertised as {}), {}", api.server instanceof HttpsServer ? "https" : "http",
        config.serverHost(), config.serverPort(), config.advertisedHost(), config.apiTokens().enabled()
            ? "bearer tokens required for customers and offers" : "OPEN: no tokens set (server.auth.tokens)");
    warnIfOpenToTheNetwork(config);
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

  /** @param tls null for plain HTTP */
  private static HttpServer bind(InetSocketAddress address, ApiTls tls) throws IOException {
    if (tls == null) {
      return HttpServer.create(address, 0);
    }
    HttpsServer https = HttpsServer.create(address, 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls.server()));
    return https;
  }

  private static void warnIfOpenToTheNetwork(PersonaConfig config) {
    if (!config.apiTokens().enabled() && !isLoopback(config.serverHost())) {
      LOG.warn("the HTTP API is bound to {} without tokens: anyone who reaches the port can read every profile "
          + "and change the offer catalog. Set server.auth.tokens", config.serverHost());
    }
    if (config.collector().enabled() && config.collector().writeKeys().isEmpty() && !isLoopback(config.serverHost())) {
      LOG.warn("the event collector (/v1/*) is bound to {} without write keys: anyone who reaches the port can send "
          + "events. Set collector.write.keys", config.serverHost());
    }
  }
}
