package io.persona.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.persona.avro.ClickEvent;
import io.persona.avro.ClickEventType;
import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.testkit.HeadlessChromium;
import io.persona.testkit.LocalKafka;
import io.persona.topology.TopicProvisioner;
import io.persona.topology.Topics;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP collector against a real broker, and its tracker in a real (headless) browser. */
class CollectorIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  @RegisterExtension
  static final LocalKafka kafka = LocalKafka.perClass();
  private static HttpServer shop;
  private static HttpServer server;
  private static CollectorHandler collector;
  private static String base;

  @BeforeAll
  static void startShopAndCollector() throws Exception {
    shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String shopOrigin = "http://127.0.0.1:" + shop.getAddress().getPort();
    PersonaConfig config = config(kafka.bootstrapServers(), shopOrigin);
    TopicProvisioner.ensure(config);
    collector = CollectorHandler.start(config);
    server = serve(collector);
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    byte[] page;
    try (InputStream in = CollectorIT.class.getResourceAsStream("/collect/shop.html")) {
      page = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("COLLECTOR", base)
          .getBytes(StandardCharsets.UTF_8);
    }
    shop.createContext("/shop.html", exchange -> {
      try (exchange) {
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, page.length);
        exchange.getResponseBody().write(page);
      }
    });
    shop.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop(0);
    shop.stop(0);
    collector.close();
  }

  @Test
  void shouldAnswer202OnlyOnceKafkaHasTheEvent() throws Exception {
    HttpResponse<String> response = post("/v1/track", """
        {"writeKey": "web-test", "event": "Product Viewed", "messageId": "m-track-1", "anonymousId": "a-1",
         "userId": "c-1", "properties": {"product_id": "p-1", "price": 9.5}}""", null);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEqualTo("{\"accepted\":1}");
    // acknowledged: it is already there, keyed by the customer (no identity hop before the offer)
    assertThat(clicks()).filteredOn(c -> c.getEventId().equals("m-track-1")).singleElement().satisfies(click -> {
      assertThat(click.getType()).isEqualTo(ClickEventType.PRODUCT_VIEW);
      assertThat(click.getProductId()).isEqualTo("p-1");
    });
    assertThat(kafka.readCommitted(Topics.CLICKSTREAM.name()))
        .anySatisfy(record -> assertThat(record.key()).isEqualTo("c-1"));
  }

  @Test
  void shouldPublishAWholeBatchOrNothingOfIt() throws Exception {
    HttpResponse<String> bad = post("/v1/batch", """
        {"writeKey": "web-test", "batch": [
          {"type": "page", "messageId": "m-bad-0", "anonymousId": "a-2"},
          {"type": "track", "event": "Product Added", "messageId": "m-bad-1", "anonymousId": "a-2",
           "properties": {"product_id": "p-1", "price": "cheap"}}]}""", null);
    HttpResponse<String> good = post("/v1/batch", """
        {"writeKey": "web-test", "batch": [
          {"type": "page", "messageId": "m-good-0", "anonymousId": "a-3"},
          {"type": "identify", "messageId": "m-good-1", "anonymousId": "a-3", "userId": "c-3"},
          {"type": "track", "event": "Products Searched", "messageId": "m-good-2", "anonymousId": "a-3",
           "userId": "c-3", "properties": {"query": "hose"}}]}""", null);

    assertThat(bad.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(bad.body());
    assertThat(error.path("index").asInt()).isEqualTo(1);
    assertThat(error.path("field").asText()).isEqualTo("properties.price");
    assertThat(error.path("error").asText()).isEqualTo("batch[1]: properties.price must be a number >= 0");
    assertThat(good.statusCode()).isEqualTo(202);
    assertThat(good.body()).isEqualTo("{\"accepted\":3}");
    List<String> ids = clicks().stream().map(ClickEvent::getEventId).toList();
    assertThat(ids).contains("m-good-0", "m-good-1", "m-good-2").doesNotContain("m-bad-0", "m-bad-1");
  }

  @Test
  void shouldRefuseAWrongWriteKeyAndAForeignOrigin() throws Exception {
    String event = "{\"messageId\": \"m-key\", \"anonymousId\": \"a-4\"}";
    String basic = "Basic " + Base64.getEncoder().encodeToString("web-test:".getBytes(StandardCharsets.UTF_8));

    assertThat(post("/v1/page", event, null).statusCode()).isEqualTo(401);
    assertThat(post("/v1/page", event.replace("{", "{\"writeKey\": \"nope\", "), null).statusCode()).isEqualTo(401);
    assertThat(send(HttpRequest.newBuilder(URI.create(base + "/v1/page")).header("Authorization", basic)
        .POST(HttpRequest.BodyPublishers.ofString(event))).statusCode()).isEqualTo(202);
    assertThat(send(HttpRequest.newBuilder(URI.create(base + "/v1/page")).header("Authorization", basic)
        .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString(event))).statusCode())
        .isEqualTo(403);
    assertThat(post("/v1/page", "not json", null).statusCode()).isEqualTo(400);
    assertThat(send(HttpRequest.newBuilder(URI.create(base + "/v1/page")).GET()).statusCode()).isEqualTo(405);
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenKafkaCannotTakeEvents() throws Exception {
    int nobody;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobody = socket.getLocalPort();
    }
    Map<String, String> env = new HashMap<>(Map.of("PERSONA_BOOTSTRAP_SERVERS", "127.0.0.1:" + nobody,
        "PERSONA_COLLECTOR_ACK_TIMEOUT_MS", "2000"));
    try (CollectorHandler unreachable = CollectorHandler.start(ConfigLoader.load(env, null))) {
      HttpServer down = serve(unreachable);
      try {
        String twenty = "{\"batch\": [" + String.join(",", Collections.nCopies(20,
            "{\"type\": \"page\", \"anonymousId\": \"a-5\"}")) + "]}";
        // the whole batch within about the ack timeout, not a wait per event
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + down.getAddress().getPort() + "/v1/batch"))
            .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(twenty)).build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
      } finally {
        down.stop(0);
      }
    }
  }

  @Test
  void shouldCollectClicksFromTheTrackerInARealBrowserOnAnotherOrigin() throws Exception {
    String shopPage = "http://127.0.0.1:" + shop.getAddress().getPort() + "/shop.html";
    try (HeadlessChromium browser = HeadlessChromium.open(shopPage)) {
      browser.waitFor("window.persona && document.getElementById('add')", Duration.ofSeconds(30));
      String device = browser.evaluate("localStorage.getItem('persona.anonymousId')").asText();
      browser.evaluate("persona.track('Video Played', {})"); // refused alone: the batch's other events still go
      browser.evaluate("document.getElementById('add').click()");
      browser.evaluate("document.getElementById('login').click()");
      browser.evaluate("persona.flush()");
      browser.waitFor("persona.pending() === 0", Duration.ofSeconds(30));
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve("tracker-shop.png"), browser.screenshot());

      List<ClickEvent> seen = await().atMost(Duration.ofSeconds(30)).until(
          () -> clicks().stream().filter(c -> c.getAnonymousId().equals(device)).toList(), list -> list.size() >= 3);
      assertThat(seen).extracting(ClickEvent::getType)
          .containsExactlyInAnyOrder(ClickEventType.PAGE_VIEW, ClickEventType.ADD_TO_CART, ClickEventType.LOGIN);
      assertThat(seen).filteredOn(c -> c.getType() == ClickEventType.ADD_TO_CART).singleElement()
          .satisfies(add -> assertThat(add.getProductId()).isEqualTo("p-42"));
      assertThat(seen).filteredOn(c -> c.getType() == ClickEventType.LOGIN).singleElement()
          .satisfies(login -> assertThat(login.getCustomerId()).isEqualTo("c-browser-1"));
    }
  }

  private static PersonaConfig config(String bootstrap, String shopOrigin) {
    return ConfigLoader.load(Map.of("PERSONA_BOOTSTRAP_SERVERS", bootstrap,
        "PERSONA_COLLECTOR_WRITE_KEYS", "web-test, web-other",
        "PERSONA_COLLECTOR_ALLOWED_ORIGINS", shopOrigin), null);
  }

  private static HttpServer serve(CollectorHandler handler) throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/v1/", handler);
    http.createContext("/persona.js", new TrackerScript());
    http.setExecutor(Executors.newFixedThreadPool(4));
    http.start();
    return http;
  }

  private static List<ClickEvent> clicks() {
    return kafka.readCommitted(Topics.CLICKSTREAM.name()).stream()
        .map(record -> Topics.CLICKSTREAM.valueSerde().decode(record.value())).toList();
  }

  private static HttpResponse<String> post(String path, String body, String origin) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return send(request);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
