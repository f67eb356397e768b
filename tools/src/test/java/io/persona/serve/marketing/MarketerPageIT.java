package io.persona.serve.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.persona.PersonaApp;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.PersonalizedOffer;
import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.serve.ApiServer;
import io.persona.sim.ShopperSimulator;
import io.persona.testkit.HeadlessChromium;
import io.persona.testkit.LocalKafka;
import io.persona.topology.CustomerPartitions;
import io.persona.topology.Topics;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The marketer's page in headless Chromium, on the real app and broker with the demo's shop: it asks for the token,
 * shows the demo's offers with their KPIs, looks a customer up, and retiring an offer there stops it being offered.
 */
class MarketerPageIT {
  private static final String TOKEN = "marketer-token-1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

  @Test
  void shouldShowTheDemosOffersAndStopOfferingOneRetiredThere(@TempDir Path stateDir) throws Exception {
    try (LocalKafka kafka = LocalKafka.start()) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      PersonaConfig config = ConfigLoader.load(Map.of("PERSONA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
          "PERSONA_STATE_DIR", stateDir.toString(), "PERSONA_SERVER_PORT", Integer.toString(port),
          "PERSONA_SERVER_AUTH_TOKENS", TOKEN), null);
      try (PersonaApp app = PersonaApp.start(config); ApiServer api = ApiServer.start(app, config)) {
        await().atMost(PATIENCE).until(() -> app.state() == State.RUNNING);
        List<OfferCatalogEntry> catalog = ShopperSimulator.catalog(START.minus(Duration.ofDays(1)));
        for (OfferCatalogEntry offer : catalog) {
          kafka.send(Topics.OFFER_CATALOG.name(), offer.getOfferId(), Topics.OFFER_CATALOG.valueSerde().encode(offer));
        }
        shop(kafka, 0, START, 2);
        List<PersonalizedOffer> sent = await().atMost(PATIENCE).until(() -> offers(kafka), list -> list.size() >= 10);
        String customer = sent.get(0).getCustomerId();
        String base = "http://127.0.0.1:" + port;

        try (HeadlessChromium browser = HeadlessChromium.open(base + "/")) {
          browser.waitFor("!document.getElementById('token-form').hidden", PATIENCE);
          browser.evaluate("document.getElementById('token').value = '" + TOKEN + "';"
              + "document.getElementById('token-form').requestSubmit()");
          browser.waitFor("document.querySelectorAll('#offer-table tbody tr.active').length === " + catalog.size(),
              PATIENCE);
          browser.waitFor("document.querySelectorAll('#volume-chart rect').length > 0", PATIENCE);
          assertThat(browser.evaluate("document.getElementById('total-sent').textContent").asText()).isNotEqualTo("0");
          screenshot(browser, "marketer-offers.png");

          String retired = topOffers(base, customer).get(0);
          browser.evaluate("document.getElementById('customer-id').value = '" + customer + "';"
              + "document.getElementById('customer-form').requestSubmit()");
          browser.waitFor("document.querySelector('#top-offers li[data-offer-id=\"" + retired + "\"]')", PATIENCE);
          assertThat(browser.evaluate("document.querySelectorAll('#consent li').length").asInt()).isEqualTo(6);
          browser.evaluate("window.scrollTo(0, document.getElementById('customer').offsetTop)");
          screenshot(browser, "marketer-customer.png");

          browser.evaluate("window.confirm = () => true;"
              + "document.querySelector('#offer-table tr[data-offer-id=\"" + retired + "\"] button[data-action=retire]')"
              + ".click()");
          browser.waitFor("!document.querySelector('#offer-table tr.active[data-offer-id=\"" + retired + "\"]')",
              PATIENCE);
          Instant retiredAt = Instant.now();
          await().atMost(PATIENCE).until(() -> !topOffers(base, customer).contains(retired));

          shop(kafka, 1_000, START.plus(Duration.ofDays(2)), 1);
          List<PersonalizedOffer> later = await().atMost(PATIENCE).until(() -> offers(kafka).stream()
              .filter(o -> o.getCreatedAt().isAfter(START.plus(Duration.ofDays(2)))).toList(), list -> list.size() >= 10);
          assertThat(later).extracting(PersonalizedOffer::getOfferId).doesNotContain(retired);
          assertThat(retiredAt).isBefore(Instant.now());
        }
      }
    }
  }

  /** A day or more of the demo's simulated shop, published as the simulator does. */
  private static void shop(LocalKafka kafka, int firstCustomer, Instant start, int days) throws Exception {
    ShopperSimulator simulator = new ShopperSimulator(7, firstCustomer, 60, start, null);
    Exception[] failure = {null};
    simulator.generate(days, event -> {
      try {
        if (event.click() != null) {
          kafka.send(Topics.CLICKSTREAM.name(), Topics.CLICKSTREAM.keyOf(event.click()),
              Topics.CLICKSTREAM.valueSerde().encode(event.click()));
        } else if (event.consent() != null) {
          kafka.send(Topics.CONSENT_CHANGES.name(), Topics.CONSENT_CHANGES.keyOf(event.consent()),
              CustomerPartitions.of(event.consent().getCustomerId(), 3),
              Topics.CONSENT_CHANGES.valueSerde().encode(event.consent()));
        } else {
          kafka.send(Topics.POS_TRANSACTIONS.name(), event.basket().getCustomerId(),
              Topics.POS_TRANSACTIONS.valueSerde().encode(event.basket()));
        }
      } catch (Exception e) {
        failure[0] = e;
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  private static List<PersonalizedOffer> offers(LocalKafka kafka) {
    return kafka.readCommitted(Topics.PERSONALIZED_OFFERS.name()).stream()
        .map(record -> Topics.PERSONALIZED_OFFERS.valueSerde().decode(record.value())).toList();
  }

  private static List<String> topOffers(String base, String customer) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create(base + "/customers/" + customer + "/offers?k=10")).header("Authorization", "Bearer " + TOKEN)
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body()).path("offers").findValuesAsText("offerId");
  }

  private static void screenshot(HeadlessChromium browser, String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name), browser.screenshot());
  }
}
