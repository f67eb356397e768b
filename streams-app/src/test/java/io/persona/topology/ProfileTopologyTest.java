package io.persona.topology;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.persona.avro.AffinityScore;
import io.persona.avro.Channel;
import io.persona.avro.ClickEvent;
import io.persona.avro.ClickEventType;
import io.persona.avro.CustomerProfile;
import io.persona.avro.Device;
import io.persona.avro.PosTransaction;
import io.persona.avro.PurchaseCycle;
import io.persona.identity.ResolveIdentityProcessor;
import io.persona.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every profile behaviour through the real topology in a TopologyTestDriver. */
class ProfileTopologyTest {
  private TopologyFixture app = new TopologyFixture();

  @AfterEach
  void close() {
    app.close();
  }

  @Test
  void shouldBuildDecayedAffinitiesRecencyFrequencyMonetaryValueAndPurchaseCycles() {
    app.click(view("e-1", "anon-1", "c-1", 0, "garden", "acme", "p-hose"));
    app.click(view("e-2", "anon-1", "c-1", 1, "garden", "acme", "p-rake"));
    app.click(view("e-3", "anon-1", "c-1", 2, "toys", "lego", "p-brick"));
    app.basket(TestEvents.basket("t-1", "c-1", at(60), line("p-coffee", "coffee", "roastco", 1, 18.0)));
    app.basket(TestEvents.basket("t-2", "c-1", at(60 + 7 * 24 * 60), line("p-coffee", "coffee", "roastco", 2, 18.0)));

    CustomerProfile profile = app.profile("c-1");

    assertThat(profile.getCategoryAffinities()).extracting(AffinityScore::getKey)
        .containsExactlyInAnyOrder("garden", "toys", "coffee");
    assertThat(score(profile.getCategoryAffinities(), "garden")).isGreaterThan(score(profile.getCategoryAffinities(), "toys"));
    assertThat(profile.getPurchaseCount()).isEqualTo(2);
    assertThat(profile.getTotalSpend()).isEqualTo(54.0);
    assertThat(profile.getAverageOrderValue()).isEqualTo(27.0);
    assertThat(profile.getLastPurchaseAt()).isEqualTo(at(60 + 7 * 24 * 60));
    assertThat(profile.getLifetimeValueEstimate()).isPositive();
    assertThat(profile.getPurchaseCycles()).singleElement().satisfies(c -> {
      assertThat(c.getProductId()).isEqualTo("p-coffee");
      assertThat(c.getPurchases()).isEqualTo(2);
      assertThat(c.getMeanIntervalMillis()).isEqualTo(Duration.ofDays(7).toMillis());
    });
    assertThat(profile.getDevicesSeen()).containsExactly(Device.MOBILE);
    assertThat(profile.getChannelsSeen()).containsExactly(Channel.WEB, Channel.POS);
    assertThat(profile.getFirstSeen()).isEqualTo(T0);
    assertThat(profile.getEventCount()).isEqualTo(5);
  }

  @Test
  void shouldFoldActivityBeforeTheLoginIntoTheCustomerExactlyOnce() {
    app.click(view("e-1", "anon-1", null, 0, "garden", "acme", "p-hose"));
    app.click(view("e-2", "anon-1", null, 1, "garden", "acme", "p-rake"));
    assertThat(app.profile("c-1")).isNull();

    app.click(login("e-3", "anon-1", "c-1", 2));
    app.click(login("e-4", "anon-1", "c-1", 3));

    CustomerProfile profile = app.profile("c-1");
    assertThat(profile.getEventCount()).isEqualTo(4);
    assertThat(profile.getFirstSeen()).isEqualTo(T0);
    assertThat(profile.getProductAffinities()).extracting(AffinityScore::getKey).contains("p-hose", "p-rake");
    assertThat(app.identity("anon-1").getAnonymousProfile()).isNull();
  }

  @Test
  void shouldFoldActivityBeforeALoginKeyedByTheDeviceExactlyOnce() {
    app.click(view("e-1", "anon-1", null, 0, "garden", "acme", "p-hose"));
    ClickEvent login = login("e-2", "anon-1", "c-1", 1);
    app.clickKeyedByDevice(login);
    app.clickKeyedByDevice(login);
    app.clickKeyedByDevice(login("e-3", "anon-1", "c-1", 2));

    CustomerProfile profile = app.profile("c-1");
    assertThat(profile.getEventCount()).isEqualTo(3);
    assertThat(profile.getProductAffinities()).extracting(AffinityScore::getKey).contains("p-hose");
  }

  @Test
  void shouldTellIdentityResolutionOfALoginOncePerDeviceAndSession() {
    app.click(login("e-1", "anon-1", "c-1", 0));
    app.click(view("e-2", "anon-1", "c-1", 5, "toys", "lego", "p-brick"));
    assertThat(app.identity("anon-1").getLastSeen()).as("the session's later clicks skip identity").isEqualTo(at(0));

    ClickEvent nextSession = view("e-3", "anon-1", "c-1", 9, "toys", "lego", "p-brick");
    nextSession.setSessionId("s-anon-1-next");
    app.click(nextSession);

    assertThat(app.identity("anon-1").getLastSeen()).isEqualTo(at(9));
    assertThat(app.profile("c-1").getEventCount()).isEqualTo(3);
  }

  @Test
  void shouldCountAnonymousClicksAfterTheLinkForTheCustomer() {
    app.click(login("e-1", "anon-1", "c-1", 0));
    app.click(view("e-2", "anon-1", null, 5, "toys", "lego", "p-brick"));

    assertThat(app.profile("c-1").getEventCount()).isEqualTo(2);
    assertThat(app.profile("c-1").getCategoryAffinities()).extracting(AffinityScore::getKey).contains("toys");
  }

  @Test
  void shouldGatherTheClicksOfSeveralDevicesOfOneCustomer() {
    app.click(login("e-1", "laptop", "c-1", 0));
    app.click(login("e-2", "phone", "c-1", 1));
    app.click(view("e-3", "laptop", null, 2, "garden", "acme", "p-hose"));
    app.click(view("e-4", "phone", null, 3, "toys", "lego", "p-brick"));

    assertThat(app.profile("c-1").getEventCount()).isEqualTo(4);
    assertThat(app.identity("laptop").getLinkedCustomerIds()).containsExactly("c-1");
    assertThat(app.identity("phone").getLinkedCustomerIds()).containsExactly("c-1");
  }

  @Test
  void shouldRefuseLinksBeyondTheCapOnASharedDeviceAndAttributeItsAnonymousClicksToNobody() {
    app.close();
    app = new TopologyFixture(Map.of("PERSONA_IDENTITY_MAX_CUSTOMERS_PER_DEVICE", "2"));
    app.click(login("e-1", "kiosk", "c-1", 0));
    app.click(login("e-2", "kiosk", "c-2", 1));
    app.click(login("e-3", "kiosk", "c-3", 2));
    app.click(view("e-4", "kiosk", null, 3, "garden", "acme", "p-hose"));

    assertThat(app.identity("kiosk").getLinkedCustomerIds()).containsExactly("c-1", "c-2");
    assertThat(app.profile("c-3").getEventCount()).isEqualTo(1);
    assertThat(app.profile("c-2").getEventCount()).isEqualTo(1);
    assertThat(app.profile("c-1").getEventCount()).isEqualTo(1);
  }

  @Test
  void shouldLogARefusedLinkWithoutAnyId() {
    app.close();
    app = new TopologyFixture(Map.of("PERSONA_IDENTITY_MAX_CUSTOMERS_PER_DEVICE", "1"));
    Logger logger = (Logger) LoggerFactory.getLogger(ResolveIdentityProcessor.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      app.click(login("e-1", "kiosk-77", "alice-1001", 0));
      app.click(login("e-2", "kiosk-77", "bob-2002", 1));
    } finally {
      logger.detachAppender(logs);
    }

    assertThat(logs.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
        .contains("identity link refused")
        .doesNotContain("kiosk-77").doesNotContain("alice-1001").doesNotContain("bob-2002"));
  }

  @Test
  void shouldForgetAnAnonymousVisitorWhoNeverLogsInAfterItsTimeToLive() {
    app.click(view("e-1", "stranger", null, 0, "garden", "acme", "p-hose"));
    assertThat(app.identity("stranger").getAnonymousProfile().getEventCount()).isEqualTo(1);

    app.click(view("e-2", "regular", null, 31 * 24 * 60, "toys", "lego", "p-brick"));

    assertThat(app.identity("stranger")).isNull();
    assertThat(app.identity("regular")).isNotNull();
  }

  @Test
  void shouldKeepAnIdentityAliveWhileItIsActiveAndALinkedOneLonger() {
    app.click(view("e-1", "active", null, 0, "garden", "acme", "p-hose"));
    app.click(login("e-2", "linked", "c-1", 0));
    app.click(view("e-3", "active", null, 20 * 24 * 60, "garden", "acme", "p-hose"));

    app.click(view("e-4", "other", null, 45 * 24 * 60, "toys", "lego", "p-brick"));

    assertThat(app.identity("active")).isNotNull();
    assertThat(app.identity("linked")).isNotNull();
    app.click(view("e-5", "other", null, 181 * 24 * 60, "toys", "lego", "p-brick"));
    assertThat(app.identity("active")).isNull();
    assertThat(app.identity("linked")).isNull();
  }

  @Test
  void shouldCountARetryAgainOnlyOnceMoreNewerEventsCameThanItRemembers() {
    app.close();
    app = new TopologyFixture(Map.of("PERSONA_DEDUP_MAX_REMEMBERED", "3"));
    ClickEvent first = view("e-0", "anon-1", "c-1", 0, "garden", "acme", "p-hose");
    app.click(first);
    app.click(view("e-1", "anon-1", "c-1", 1, "garden", "acme", "p-hose"));
    app.click(view("e-2", "anon-1", "c-1", 2, "garden", "acme", "p-hose"));
    app.click(first);
    assertThat(app.profile("c-1").getEventCount()).isEqualTo(3);

    app.click(view("e-3", "anon-1", "c-1", 3, "garden", "acme", "p-hose"));
    app.click(first);

    assertThat(app.profile("c-1").getEventCount()).isEqualTo(5);
  }

  @Test
  void shouldNotCountARetriedClickOrBasketAgain() {
    ClickEvent click = view("e-1", "anon-1", "c-1", 0, "garden", "acme", "p-hose");
    PosTransaction basket = TestEvents.basket("t-1", "c-1", at(5), line("p-hose", "garden", "acme", 1, 20.0));
    app.click(click);
    app.click(click);
    app.basket(basket);
    app.basket(basket);

    CustomerProfile profile = app.profile("c-1");
    assertThat(profile.getEventCount()).isEqualTo(2);
    assertThat(profile.getPurchaseCount()).isEqualTo(1);
    assertThat(profile.getTotalSpend()).isEqualTo(20.0);
    assertThat(app.published()).hasSize(2);
  }

  @Test
  void shouldCountAnIdSeenAgainAfterTheDuplicateWindow() {
    app.basket(TestEvents.basket("t-1", "c-1", at(0), line("p-hose", "garden", "acme", 1, 20.0)));
    app.basket(TestEvents.basket("t-1", "c-1", at(2 * 24 * 60), line("p-hose", "garden", "acme", 1, 20.0)));

    assertThat(app.profile("c-1").getPurchaseCount()).isEqualTo(2);
  }

  @Test
  void shouldBuildTheSameProfileWhateverTheOrderOfEventsWithinTheGracePeriod() {
    List<Consumer<TopologyFixture>> events = scriptedSession();
    events.forEach(event -> event.accept(app));
    CustomerProfile inOrder = app.profile("c-1");

    for (long seed = 1; seed <= 25; seed++) {
      List<Consumer<TopologyFixture>> shuffled = new ArrayList<>(events);
      Collections.shuffle(shuffled, new Random(seed));
      try (TopologyFixture other = new TopologyFixture()) {
        shuffled.forEach(event -> event.accept(other));
        assertSameProfile(other.profile("c-1"), inOrder);
      }
    }
  }

  @Test
  void shouldSkipAnEventOlderThanTheGracePeriod() {
    app.basket(TestEvents.basket("t-1", "c-1", at(10 * 24 * 60), line("p-hose", "garden", "acme", 1, 20.0)));
    app.basket(TestEvents.basket("t-2", "c-1", at(0), line("p-rake", "garden", "acme", 1, 15.0)));
    app.basket(TestEvents.basket("t-3", "c-1", at(10 * 24 * 60 + 1), line("p-seed", "garden", "acme", 1, 2.0)));

    assertThat(app.profile("c-1").getTotalSpend()).isEqualTo(22.0);
    assertThat(app.deadLetterReasons()).singleElement().asString().contains("grace period");
  }

  @Test
  void shouldJudgeLatenessAgainstItsOwnTopicNotAnotherThatRanAhead() {
    app.click(view("e-1", "anon-1", "c-1", 10 * 24 * 60, "garden", "acme", "p-hose"));
    app.basket(TestEvents.basket("t-1", "c-1", at(0), line("p-rake", "garden", "acme", 1, 15.0)));

    assertThat(app.profile("c-1").getTotalSpend()).isEqualTo(15.0);
    assertThat(app.deadLetterReasons()).isEmpty();
  }

  @Test
  void shouldSkipBadInputAndKeepProcessing() {
    app.click(view("e-0", "anon-1", "c-1", 0, "garden", "acme", "p-hose"));
    ClickEvent negativePrice = view("e-1", "anon-1", "c-1", 1, "garden", "acme", "p-hose");
    negativePrice.setPrice(-3.0);
    app.click(negativePrice);
    app.click(view("e-2", "anon-1", "c-1", 60 * 24 * 365, "garden", "acme", "p-future"), at(1));
    app.clickBytes("anon-1", "not avro".getBytes(StandardCharsets.UTF_8), at(2));
    app.basketBytes("c-1", new byte[0], at(2));
    app.basket(TestEvents.basket("t-0", "c-1", at(3), line("p-hose", "garden", "acme", 0, 20.0)));
    PosTransaction nanTotal = TestEvents.basket("t-1", "c-1", at(3), line("p-hose", "garden", "acme", 1, 20.0));
    nanTotal.setTotal(Double.NaN);
    app.basket(nanTotal);
    app.click(view("e-3", "anon-1", "c-1", 4, "toys", "lego", "p-brick"));

    CustomerProfile profile = app.profile("c-1");
    assertThat(profile.getEventCount()).isEqualTo(2);
    assertThat(profile.getPurchaseCount()).isZero();
    assertThat(profile.getProductAffinities()).extracting(AffinityScore::getKey)
        .containsExactlyInAnyOrder("p-hose", "p-brick");
    assertThat(profile.getLastSeen()).isEqualTo(at(4));
    assertThat(app.deadLetterReasons()).containsExactly(
        "price must be a finite number >= 0",
        "eventTime is more than PT24H ahead of its arrival",
        "lineItems[0].quantity must not be 0 (negative is a return)",
        "total must be a finite number");
  }

  @Test
  void shouldLeaveAnonymousBasketsOutOfProfilesWithoutCallingThemErrors() {
    app.basket(TestEvents.basket("t-1", null, at(0), line("p-hose", "garden", "acme", 1, 20.0)));

    assertThat(app.published()).isEmpty();
    assertThat(app.deadLetterReasons()).isEmpty();
  }

  @Test
  void shouldTreatANegativeQuantityAsAReturnThatLowersSpendAndAffinity() {
    app.basket(TestEvents.basket("t-1", "c-1", at(0), line("p-drill", "tools", "bosch", 2, 50.0)));
    double before = score(app.profile("c-1").getProductAffinities(), "p-drill");

    app.basket(TestEvents.basket("t-2", "c-1", at(60), line("p-drill", "tools", "bosch", -1, 50.0)));

    CustomerProfile profile = app.profile("c-1");
    assertThat(profile.getTotalSpend()).isEqualTo(50.0);
    assertThat(profile.getPurchaseCount()).isEqualTo(1);
    assertThat(score(profile.getProductAffinities(), "p-drill")).isLessThan(before).isPositive();
    assertThat(profile.getPurchaseCycles()).extracting(PurchaseCycle::getPurchases).containsExactly(1);
  }

  @Test
  void shouldPublishEveryProfileChangeKeyedByCustomer() {
    app.click(view("e-1", "anon-1", "c-1", 0, "garden", "acme", "p-hose"));
    app.basket(TestEvents.basket("t-1", "c-2", at(1), line("p-hose", "garden", "acme", 1, 20.0)));

    assertThat(app.published()).extracting(r -> r.key()).containsExactly("c-1", "c-2");
  }

  /** A short session of one shopper: clicks on two devices, a login, baskets, a return. */
  static List<Consumer<TopologyFixture>> scriptedSession() {
    return List.of(
        f -> f.click(view("s-1", "phone", null, 0, "garden", "acme", "p-hose")),
        f -> f.click(view("s-2", "phone", null, 3, "garden", "acme", "p-rake")),
        f -> f.click(login("s-3", "phone", "c-1", 5)),
        f -> f.click(cart("s-4", "phone", null, 7, "garden", "acme", "p-hose")),
        f -> f.basket(TestEvents.basket("t-1", "c-1", at(60), line("p-hose", "garden", "acme", 1, 24.9),
            line("p-coffee", "coffee", "roastco", 1, 18.0))),
        f -> f.click(login("s-5", "laptop", "c-1", 2 * 24 * 60)),
        f -> f.click(view("s-6", "laptop", null, 2 * 24 * 60 + 2, "toys", "lego", "p-brick")),
        f -> f.basket(TestEvents.basket("t-2", "c-1", at(3 * 24 * 60), line("p-coffee", "coffee", "roastco", 2, 18.0))),
        f -> f.basket(TestEvents.basket("t-3", "c-1", at(4 * 24 * 60), line("p-hose", "garden", "acme", -1, 24.9))),
        f -> f.basket(TestEvents.basket("t-4", "c-1", at(4 * 24 * 60 + 90), line("p-coffee", "coffee", "roastco", 1, 18.0))),
        f -> f.click(view("s-7", "tablet", "c-1", 5 * 24 * 60, "garden", "acme", "p-rake")),
        f -> f.click(view("s-8", "laptop", null, 6 * 24 * 60, "books", "penguin", "p-novel")));
  }

  /** Equal in every field; sums of decayed scores may differ in their last bits with the order of addition. */
  private static void assertSameProfile(CustomerProfile actual, CustomerProfile expected) {
    assertThat(actual.getEventCount()).isEqualTo(expected.getEventCount());
    assertThat(actual.getFirstSeen()).isEqualTo(expected.getFirstSeen());
    assertThat(actual.getLastSeen()).isEqualTo(expected.getLastSeen());
    assertThat(actual.getPurchaseCount()).isEqualTo(expected.getPurchaseCount());
    assertThat(actual.getLastPurchaseAt()).isEqualTo(expected.getLastPurchaseAt());
    assertThat(actual.getTotalSpend()).isCloseTo(expected.getTotalSpend(), within(1e-9));
    assertThat(actual.getAverageOrderValue()).isCloseTo(expected.getAverageOrderValue(), within(1e-9));
    assertThat(actual.getLifetimeValueEstimate()).isCloseTo(expected.getLifetimeValueEstimate(), within(1e-6));
    assertThat(actual.getPurchaseCycles()).containsExactlyInAnyOrderElementsOf(expected.getPurchaseCycles());
    assertThat(actual.getDevicesSeen()).isEqualTo(expected.getDevicesSeen());
    assertThat(actual.getChannelsSeen()).isEqualTo(expected.getChannelsSeen());
    assertThat(actual.getRecentEventIds()).isEqualTo(expected.getRecentEventIds());
    for (var pair : List.of(List.of(actual.getCategoryAffinities(), expected.getCategoryAffinities()),
        List.of(actual.getBrandAffinities(), expected.getBrandAffinities()),
        List.of(actual.getProductAffinities(), expected.getProductAffinities()))) {
      assertThat(pair.get(0)).hasSameSizeAs(pair.get(1));
      pair.get(1).forEach(e -> assertThat(score(pair.get(0), e.getKey())).isCloseTo(e.getScore(), within(1e-9)));
    }
  }

  static double score(List<AffinityScore> scores, String key) {
    return scores.stream().filter(s -> s.getKey().equals(key)).findFirst().orElseThrow().getScore();
  }

  static Instant at(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  static ClickEvent view(String id, String anon, String customer, long minutes, String category, String brand,
      String product) {
    return TestEvents.click(id, anon, customer, at(minutes), ClickEventType.PRODUCT_VIEW, category, brand, product);
  }

  static ClickEvent cart(String id, String anon, String customer, long minutes, String category, String brand,
      String product) {
    return TestEvents.click(id, anon, customer, at(minutes), ClickEventType.ADD_TO_CART, category, brand, product);
  }

  static ClickEvent login(String id, String anon, String customer, long minutes) {
    return TestEvents.click(id, anon, customer, at(minutes), ClickEventType.LOGIN, null, null, null);
  }
}
