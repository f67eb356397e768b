package io.persona.serve;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.persona.PersonaApp;
import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.testkit.LocalKafka;
import io.persona.testkit.TestEvents;
import io.persona.topology.TopicProvisioner;
import io.persona.topology.Topics;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two instances on one machine answer every customer, forwarding to the owner, also after one of them stops. */
class ApiServerIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final int CUSTOMERS = 12;
  private static final String STORE_PASSWORD = "api-store-secret";
  private static Path keystore;
  private static Path truststore;
  private static HttpClient http;
  private static final String FULL_TOKEN = "full-access-token-0123456789";
  private static final String OFFERS_TOKEN = "offers-only-token-9876543210";
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final LocalKafka kafka = LocalKafka.perClass();

  @BeforeAll
  static void createKeystores(@TempDir Path stores) throws Exception {
    keystore = stores.resolve("api.p12");
    truststore = stores.resolve("api-trust.p12");
    Path cert = stores.resolve("api.pem");
    keytool("-genkeypair", "-alias", "api", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-keyalg", "RSA", "-keysize", "2048", "-validity", "30", "-keystore", keystore.toString(),
        "-storetype", "PKCS12");
    keytool("-exportcert", "-alias", "api", "-keystore", keystore.toString(), "-rfc", "-file", cert.toString());
    keytool("-importcert", "-alias", "api", "-file", cert.toString(), "-keystore", truststore.toString(),
        "-storetype", "PKCS12");
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(truststore)) {
      trusted.load(in, STORE_PASSWORD.toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    http = HttpClient.newBuilder().sslContext(context).build();
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
        .toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("-storepass", STORE_PASSWORD, "-noprompt"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isZero();
  }

  @Test
  void shouldAnswerEveryCustomerOnEitherInstanceAndAfterOneStops(@TempDir Path one, @TempDir Path two)
      throws Exception {
    PersonaConfig first = config(one, freePort());
    PersonaConfig second = config(two, freePort());
    TopicProvisioner.ensure(first);
    for (int c = 0; c < CUSTOMERS; c++) {
      kafka.send(Topics.POS_TRANSACTIONS.name(), "c-" + c, Topics.POS_TRANSACTIONS.valueSerde().encode(
          TestEvents.basket("t-" + c, "c-" + c, T0.plusSeconds(c), line("p-rake", "garden", "acme", 1 + c, 10))));
    }
    PersonaApp appOne = PersonaApp.start(first);
    PersonaApp appTwo = PersonaApp.start(second);
    try (ApiServer apiOne = ApiServer.start(appOne, first)) {
      ApiServer apiTwo = ApiServer.start(appTwo, second);
      HttpResponse<String> starting = get(second, "/ready");
      assertThat(starting.statusCode()).as("not ready before the first assignment: " + starting.body())
          .isEqualTo(503);
      await().atMost(PATIENCE).until(() -> get(first, "/ready").statusCode() == 200
          && get(second, "/ready").statusCode() == 200);

      for (int c = 0; c < CUSTOMERS; c++) {
        String path = "/customers/c-" + c + "/profile";
        int units = 1 + c;
        for (PersonaConfig instance : new PersonaConfig[] {first, second}) {
          JsonNode profile = await().atMost(PATIENCE).until(() -> body(get(instance, path)),
              node -> node != null && node.has("customerId"));
          assertThat(profile.get("customerId").asText()).isEqualTo("c-" + c);
          assertThat(profile.get("totalSpend").asDouble()).isEqualTo(units * 10.0);
        }
      }
      long ownedByFirst = java.util.stream.IntStream.range(0, CUSTOMERS)
          .filter(c -> appOne.queries().ownerOf("c-" + c).port() == first.serverPort()).count();
      assertThat(ownedByFirst).as("non-vacuous: each instance owns some customers, so the other forwarded")
          .isBetween(1L, CUSTOMERS - 1L);
      assertThat(get(first, "/customers/nobody/profile").statusCode()).isEqualTo(404);
      assertThat(get(second, "/customers/c-1/offers?k=lots").statusCode()).isEqualTo(400);
      assertThat(get(second, "/customers/c-1/offers?channel=pigeon").statusCode()).isEqualTo(400);
      HttpResponse<String> offers = get(second, "/customers/c-1/offers?k=3&channel=pos");
      assertThat(offers.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(offers.body()).get("offers").isArray()).isTrue();
      assertThat(get(first, "/offers/o-none/kpis").statusCode()).isEqualTo(404);
      assertThat(get(first, "/health", null).statusCode()).as("health stays open").isEqualTo(200);
      assertThat(get(first, "/ready", null).statusCode()).isEqualTo(200);
      HttpResponse<String> anonymous = get(second, "/customers/c-1/profile", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"persona\"");
      assertThat(anonymous.body()).as("no echo of the request").doesNotContain("c-1");
      HttpResponse<String> wrong = get(second, "/customers/c-1/offers", "Bearer not-" + FULL_TOKEN);
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).doesNotContain(FULL_TOKEN).doesNotContain("c-1");
      assertThat(get(first, "/offers/o-none/kpis", null).statusCode()).isEqualTo(401);
      HttpResponse<String> offersToken = get(second, "/customers/c-1/profile", "Bearer " + OFFERS_TOKEN);
      assertThat(offersToken.statusCode()).as("an offers-only token asks for a profile").isEqualTo(403);
      assertThat(offersToken.body()).doesNotContain("c-1");
      for (int c = 0; c < CUSTOMERS; c++) {
        for (PersonaConfig instance : new PersonaConfig[] {first, second}) {
          assertThat(get(instance, "/customers/c-" + c + "/offers?k=2", "Bearer " + OFFERS_TOKEN).statusCode())
              .as("offers for c-%d on either instance, forwarded with the caller's token", c).isEqualTo(200);
        }
      }
      String metrics = get(first, "/metrics", null).body();
      assertThat(metrics).contains("persona_events_total{type=\"basket\"}", "persona_decision_latency_seconds_bucket",
          "kafka_stream_thread_process_total", "jvm_memory_used_bytes");
      assertThat(metrics).as("never a customer id as a label").doesNotContain("c-1\"", "c-11");

      appTwo.close();
      HttpResponse<String> stopped = get(second, "/ready");
      assertThat(stopped.statusCode()).isEqualTo(503);
      assertThat(stopped.headers().firstValue("Retry-After")).isPresent();
      HttpResponse<String> noOwner = get(second, "/customers/c-1/profile");
      assertThat(noOwner.statusCode()).as("a stopped instance knows no owner").isEqualTo(503);
      assertThat(noOwner.headers().firstValue("Retry-After")).isPresent();
      assertThat(get(second, "/health").statusCode()).as("alive, though not ready").isEqualTo(200);
      apiTwo.close();
      await().atMost(PATIENCE).untilAsserted(() -> {
        for (int c = 0; c < CUSTOMERS; c++) {
          assertThat(get(first, "/customers/c-" + c + "/profile").statusCode()).as("c-" + c).isEqualTo(200);
        }
      });
    } finally {
      appOne.close();
    }
  }

  private static HttpResponse<String> get(PersonaConfig instance, String path) throws Exception {
    return get(instance, path, "Bearer " + FULL_TOKEN);
  }

  private static HttpResponse<String> get(PersonaConfig instance, String path, String authorization)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + instance.serverPort()
        + path)).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode body(HttpResponse<String> response) throws Exception {
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static PersonaConfig config(Path stateDir, int port) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("PERSONA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("PERSONA_STATE_DIR", stateDir.toString());
    env.put("PERSONA_APPLICATION_ID", "persona-api-it");
    env.put("PERSONA_TOPICS_PARTITIONS", "4");
    env.put("PERSONA_SERVER_PORT", Integer.toString(port));
    // bound to every interface, reached by the other instance at the address it advertises
    env.put("PERSONA_SERVER_HOST", "0.0.0.0");
    env.put("PERSONA_SERVER_ADVERTISED_HOST", "127.0.0.1");
    env.put("PERSONA_SERVER_AUTH_TOKENS", FULL_TOKEN);
    env.put("PERSONA_SERVER_AUTH_OFFER_TOKENS", OFFERS_TOKEN);
    env.put("PERSONA_SERVER_TLS_KEYSTORE_LOCATION", keystore.toString());
    env.put("PERSONA_SERVER_TLS_KEYSTORE_PASSWORD", STORE_PASSWORD);
    env.put("PERSONA_SERVER_TLS_TRUSTSTORE_LOCATION", truststore.toString());
    env.put("PERSONA_SERVER_TLS_TRUSTSTORE_PASSWORD", STORE_PASSWORD);
    env.put("PERSONA_KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000");
    return ConfigLoader.load(env, null);
  }
}
