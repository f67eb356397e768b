package io.persona.topology;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.click;
import static io.persona.testkit.TestEvents.line;
import static io.persona.testkit.TestEvents.offer;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.Channel;
import io.persona.avro.ClickEventType;
import io.persona.avro.CustomerProfile;
import io.persona.avro.ErasureReceipt;
import io.persona.avro.ErasureRequest;
import io.persona.avro.IdentityState;
import io.persona.avro.PersonalizedOffer;
import io.persona.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Erasure reaches every copy: every store of the customer, the links of their cookies, the compacted topics. */
class ErasureTopologyTest {
  private static final String ERASED = "cust-erase-me-7";
  private static final String NEIGHBOUR = "cust-keep-me-8";

  private TopologyFixture shop;
  private int events;

  @BeforeEach
  void shop() {
    shop = new TopologyFixture(Map.of("PERSONA_OFFERS_HOLDOUT_PERCENT", "0",
        "PERSONA_OFFERS_TRIGGER_INTEREST_SPIKE_CHANNEL", "off"));
    shop.offer(offer("o-hose", "p-hose", "garden"));
    shop.offer(offer("o-garden", null, "garden"));
  }

  @AfterEach
  void close() {
    shop.close();
  }

  @Test
  void shouldLeaveNothingOfTheCustomerInAnyStoreAndSayWhatWasCleared() {
    liveAShoppingLife(ERASED, "cookie-own", T0);
    liveAShoppingLife(NEIGHBOUR, "cookie-neighbour", T0);
    shareADevice("cookie-shared", T0.plus(Duration.ofHours(2)));
    assertThat(offersFor(ERASED)).as("the customer was profiled and sent offers").isNotEmpty();
    assertThat(storesMentioning(ERASED)).isNotEmpty();
    Map<String, Long> kpisBefore = sentPerOffer();

    shop.erase("req-1", ERASED, T0.plus(Duration.ofHours(3)));

    assertThat(storesMentioning(ERASED)).isEmpty();
    assertThat(shop.identity("cookie-own")).as("a cookie only they used is gone").isNull();
    IdentityState shared = shop.identity("cookie-shared");
    assertThat(shared.getLinkedCustomerIds()).as("a shared device keeps its other customer")
        .containsExactly(NEIGHBOUR);
    assertThat(shop.profile(NEIGHBOUR)).isNotNull();
    assertThat(lastProfilePublished(ERASED)).as("customer-profiles gets a tombstone").isNull();
    assertThat(shop.consentTopic.readRecordsToList()).extracting(TestRecord::key, TestRecord::value)
        .contains(org.assertj.core.groups.Tuple.tuple(ERASED + "/EMAIL", null));
    ErasureReceipt receipt = shop.receipts.readRecordsToList().get(0).value();
    assertThat(receipt.getRequestId()).isEqualTo("req-1");
    assertThat(receipt.getStoresCleared()).contains(StoreNames.CUSTOMER_PROFILES, StoreNames.BASKET_DEDUP,
        StoreNames.CUSTOMER_OFFER_STATE, StoreNames.OFFER_TIMERS, StoreNames.CONSENT, StoreNames.CUSTOMER_LINKS);
    assertThat(receipt.getAnonymousIdsUnlinked()).isEqualTo(2);
    assertThat(receipt.getTopicsTombstoned()).containsExactly("customer-profiles", "consent-changes");
    assertThat(receipt.toString()).doesNotContain(ERASED);
    assertThat(sentPerOffer()).as("KPIs keep their counts").isEqualTo(kpisBefore);
  }

  @Test
  void shouldSendAMalformedErasureRequestToTheDeadLettersAndEraseNothing() {
    liveAShoppingLife(ERASED, "cookie-own", T0);

    shop.erase(ERASED, (ErasureRequest) null, T0.plus(Duration.ofHours(2)));
    shop.erase("someone-else", new ErasureRequest("req-2", ERASED, T0), T0.plus(Duration.ofHours(2)));

    assertThat(shop.deadLetterReasons()).containsExactly("record value is missing",
        "record key must be the customerId, and requestId must not be blank");
    assertThat(shop.profile(ERASED)).isNotNull();
    assertThat(shop.receipts.readRecordsToList()).isEmpty();
  }

  @Test
  void shouldStartAFreshProfileAfterErasureOnlyOnceTheCustomerConsentsAgain() {
    liveAShoppingLife(ERASED, "cookie-own", T0);
    shop.erase("req-1", ERASED, T0.plus(Duration.ofHours(3)));
    shop.offers.readRecordsToList();

    abandonCart(ERASED, "cookie-new", T0.plus(Duration.ofHours(4)));
    advance(T0.plus(Duration.ofHours(6)));
    assertThat(shop.profile(ERASED)).as("no consent since the erasure: no new profile").isNull();
    assertThat(offersFor(ERASED)).isEmpty();

    shop.consent(ERASED, Channel.EMAIL, true, T0.plus(Duration.ofHours(7)));
    abandonCart(ERASED, "cookie-new", T0.plus(Duration.ofHours(8)));
    advance(T0.plus(Duration.ofHours(9)));
    assertThat(shop.profile(ERASED).getEventCount()).as("a fresh profile, from events after the consent").isEqualTo(1);
    assertThat(offersFor(ERASED)).hasSize(1);
    assertThat(storesMentioning(ERASED)).doesNotContain(StoreNames.ERASED_CUSTOMERS);
  }

  @Test
  void shouldEraseACustomerInactiveForLongerThanTheRetentionThroughTheSameCascade() {
    shop.close();
    shop = new TopologyFixture(Map.of("PERSONA_RETENTION_INACTIVE_AFTER_MS", Long.toString(Duration.ofDays(30).toMillis())));
    liveAShoppingLife(ERASED, "cookie-own", T0);
    liveAShoppingLife(NEIGHBOUR, "cookie-neighbour", T0.plus(Duration.ofDays(20)));

    advance(T0.plus(Duration.ofDays(33)));

    assertThat(storesMentioning(ERASED)).isEmpty();
    assertThat(shop.profile(NEIGHBOUR)).as("active 13 days ago: kept").isNotNull();
    assertThat(shop.receipts.readRecordsToList()).singleElement()
        .satisfies(r -> assertThat(r.value().getStoresCleared()).contains(StoreNames.CUSTOMER_PROFILES));
  }

  /** Logs in, browses, consents to email, buys, abandons a cart and is sent an offer. */
  private void liveAShoppingLife(String customerId, String cookie, Instant from) {
    shop.consent(customerId, Channel.EMAIL, true, from);
    shop.click(click("e-" + events++, cookie, customerId, from.plusSeconds(10), ClickEventType.LOGIN, null, null, null));
    shop.click(click("e-" + events++, cookie, null, from.plusSeconds(20), ClickEventType.PRODUCT_VIEW, "garden", "acme",
        "p-rake"));
    shop.basket(TestEvents.basket("t-" + events++, customerId, from.plusSeconds(30), line("p-rake", "garden", "acme", 1, 9)));
    abandonCart(customerId, cookie, from.plusSeconds(40));
    advance(from.plus(Duration.ofHours(1)));
  }

  private void shareADevice(String cookie, Instant at) {
    shop.click(click("e-" + events++, cookie, ERASED, at, ClickEventType.LOGIN, null, null, null));
    shop.click(click("e-" + events++, cookie, NEIGHBOUR, at.plusSeconds(5), ClickEventType.LOGIN, null, null, null));
  }

  private void abandonCart(String customerId, String cookie, Instant at) {
    shop.click(click("e-" + events++, cookie, customerId, at, ClickEventType.ADD_TO_CART, "garden", "acme", "p-hose"));
  }

  private void advance(Instant at) {
    shop.click(click("e-" + events++, "a-passer-by", null, at, ClickEventType.PAGE_VIEW, null, null, null));
  }

  private List<PersonalizedOffer> offersFor(String customerId) {
    return shop.offers.readRecordsToList().stream().filter(r -> r.key().equals(customerId)).map(TestRecord::value)
        .toList();
  }

  private CustomerProfile lastProfilePublished(String customerId) {
    List<TestRecord<String, CustomerProfile>> published = shop.published().stream()
        .filter(r -> r.key().equals(customerId)).toList();
    return published.get(published.size() - 1).value();
  }

  private Map<String, Long> sentPerOffer() {
    Map<String, Long> sent = new HashMap<>();
    for (String offerId : List.of("o-hose", "o-garden")) {
      sent.put(offerId, shop.kpi(offerId) == null ? 0 : shop.kpi(offerId).getTreatment().getDecisions());
    }
    return sent;
  }

  /** Every store whose keys or values mention the id, in any form the store holds. */
  @SuppressWarnings("unchecked")
  private List<String> storesMentioning(String id) {
    List<String> found = new ArrayList<>();
    Map<String, StateStore> stores = new java.util.TreeMap<>(shop.driver.getAllStateStores());
    stores.putAll(shop.learning.getAllStateStores());
    for (Map.Entry<String, StateStore> entry : stores.entrySet()) {
      if (!(entry.getValue() instanceof ReadOnlyKeyValueStore<?, ?> store)) {
        continue;
      }
      try (KeyValueIterator<Object, Object> all = ((ReadOnlyKeyValueStore<Object, Object>) store).all()) {
        while (all.hasNext()) {
          KeyValue<Object, Object> kv = all.next();
          if (mentions(kv.key, id) || mentions(kv.value, id)) {
            found.add(entry.getKey());
            break;
          }
        }
      }
    }
    return found;
  }

  private static boolean mentions(Object value, String id) {
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.ISO_8859_1).contains(id);
    }
    return value != null && value.toString().contains(id);
  }
}
