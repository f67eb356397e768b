package io.persona.topology;

import io.persona.avro.Channel;
import io.persona.avro.ClickEvent;
import io.persona.avro.ConsentChange;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.CustomerProfile;
import io.persona.avro.ErasureReceipt;
import io.persona.avro.ErasureRequest;
import io.persona.avro.IdentityState;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKpi;
import io.persona.avro.OfferOutcome;
import io.persona.avro.PersonalizedOffer;
import io.persona.avro.PosTransaction;
import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.config.StreamsProperties;
import io.persona.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The real engine and learning topologies, each in a TopologyTestDriver, with their input and output topics and
 * stores at hand. After every input, what one writes for the other is handed across: the engine's outcomes and
 * profile changelog to the learning app, its similarities and KPIs back to the engine's global stores.
 */
final class TopologyFixture implements AutoCloseable {
  final TopologyTestDriver driver;
  final TopologyTestDriver learning;
  private final TestInputTopic<String, ClickEvent> clicks;
  private final TestInputTopic<String, PosTransaction> baskets;
  private final TestInputTopic<byte[], byte[]> rawClicks;
  private final TestInputTopic<byte[], byte[]> rawBaskets;
  final Captured<String, CustomerProfile> profiles = new Captured<>();
  private final TestOutputTopic<byte[], byte[]> deadLetters;
  private final TestInputTopic<String, OfferCatalogEntry> catalog;
  private final TestInputTopic<String, ConsentChange> consents;
  private final TestInputTopic<String, ErasureRequest> erasures;
  final TestOutputTopic<String, ErasureReceipt> receipts;
  final TestOutputTopic<String, ConsentChange> consentTopic;
  final TestOutputTopic<String, PersonalizedOffer> offers;
  final Captured<String, OfferOutcome> outcomes = new Captured<>();
  final Captured<String, OfferKpi> kpis = new Captured<>();
  private final TestOutputTopic<String, OfferOutcome> engineOutcomes;
  private final TestOutputTopic<byte[], byte[]> profileChangelog;
  private final TestInputTopic<String, PosTransaction> learningBaskets;
  private final TestInputTopic<String, OfferOutcome> learningOutcomes;
  private final TestInputTopic<byte[], byte[]> learningChangelog;
  private final TestOutputTopic<String, CustomerProfile> learningProfiles;
  private final TestOutputTopic<byte[], byte[]> learnedSimilarity;
  private final TestOutputTopic<String, OfferKpi> learnedKpis;
  private final TestInputTopic<byte[], byte[]> similarity;
  private final TestInputTopic<String, OfferKpi> engineKpis;

  /** What a topology wrote, read once as from a test output topic. */
  static final class Captured<K, V> {
    private final List<TestRecord<K, V>> records = new ArrayList<>();

    List<TestRecord<K, V>> readRecordsToList() {
      List<TestRecord<K, V>> read = List.copyOf(records);
      records.clear();
      return read;
    }
  }

  TopologyFixture(Map<String, String> environment) {
    Map<String, String> env = new HashMap<>(environment);
    // The test driver feeds one record at a time, in order: nothing to wait for (and it would wait on empty inputs).
    env.putIfAbsent("PERSONA_STATE_DIR", System.getProperty("java.io.tmpdir") + "/persona-ttd-" + System.nanoTime());
    PersonaConfig config = ConfigLoader.load(env, null);
    Properties props = StreamsProperties.of(config);
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    driver = new TopologyTestDriver(PersonaTopology.build(config), props);
    Properties learningProps = StreamsProperties.learning(config);
    learningProps.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    learning = new TopologyTestDriver(LearningTopology.build(config), learningProps);
    engineOutcomes = driver.createOutputTopic(Topics.OFFER_OUTCOMES.name(), Serdes.String().deserializer(),
        Topics.OFFER_OUTCOMES.valueSerde().deserializer());
    profileChangelog = driver.createOutputTopic(LearningTopology.profileChangelog(config),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    learningBaskets = learning.createInputTopic(Topics.POS_TRANSACTIONS.name(), Serdes.String().serializer(),
        Topics.POS_TRANSACTIONS.valueSerde().serializer());
    learningOutcomes = learning.createInputTopic(Topics.OFFER_OUTCOMES.name(), Serdes.String().serializer(),
        Topics.OFFER_OUTCOMES.valueSerde().serializer());
    learningChangelog = learning.createInputTopic(LearningTopology.profileChangelog(config),
        new ByteArraySerializer(), new ByteArraySerializer());
    learningProfiles = learning.createOutputTopic(Topics.CUSTOMER_PROFILES.name(), Serdes.String().deserializer(),
        Topics.CUSTOMER_PROFILES.valueSerde().deserializer());
    learnedSimilarity = learning.createOutputTopic(Topics.PRODUCT_SIMILARITY.name(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    learnedKpis = learning.createOutputTopic(Topics.OFFER_KPIS.name(), Serdes.String().deserializer(),
        Topics.OFFER_KPIS.valueSerde().deserializer());
    similarity = driver.createInputTopic(Topics.PRODUCT_SIMILARITY.name(), new ByteArraySerializer(),
        new ByteArraySerializer());
    engineKpis = driver.createInputTopic(Topics.OFFER_KPIS.name(), Serdes.String().serializer(),
        Topics.OFFER_KPIS.valueSerde().serializer());
    clicks = driver.createInputTopic(Topics.CLICKSTREAM.name(), Serdes.String().serializer(),
        Topics.CLICKSTREAM.valueSerde().serializer());
    baskets = driver.createInputTopic(Topics.POS_TRANSACTIONS.name(), Serdes.String().serializer(),
        Topics.POS_TRANSACTIONS.valueSerde().serializer());
    rawClicks = driver.createInputTopic(Topics.CLICKSTREAM.name(), new ByteArraySerializer(), new ByteArraySerializer());
    rawBaskets = driver.createInputTopic(Topics.POS_TRANSACTIONS.name(), new ByteArraySerializer(),
        new ByteArraySerializer());
    deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    catalog = driver.createInputTopic(Topics.OFFER_CATALOG.name(), Serdes.String().serializer(),
        Topics.OFFER_CATALOG.valueSerde().serializer());
    consents = driver.createInputTopic(Topics.CONSENT_CHANGES.name(), Serdes.String().serializer(),
        Topics.CONSENT_CHANGES.valueSerde().serializer());
    erasures = driver.createInputTopic(Topics.ERASURE_REQUESTS.name(), Serdes.String().serializer(),
        Topics.ERASURE_REQUESTS.valueSerde().serializer());
    receipts = driver.createOutputTopic(Topics.ERASURE_RECEIPTS.name(), Serdes.String().deserializer(),
        Topics.ERASURE_RECEIPTS.valueSerde().deserializer());
    consentTopic = driver.createOutputTopic(Topics.CONSENT_CHANGES.name(), Serdes.String().deserializer(),
        Topics.CONSENT_CHANGES.valueSerde().deserializer());
    offers = driver.createOutputTopic(Topics.PERSONALIZED_OFFERS.name(), Serdes.String().deserializer(),
        Topics.PERSONALIZED_OFFERS.valueSerde().deserializer());
  }

  /** Hands what each topology wrote for the other across, until neither has anything more to hand. */
  private void handOver() {
    boolean moved = true;
    while (moved) {
      moved = false;
      for (TestRecord<String, OfferOutcome> outcome : engineOutcomes.readRecordsToList()) {
        outcomes.records.add(outcome);
        learningOutcomes.pipeInput(outcome);
        moved = true;
      }
      for (TestRecord<byte[], byte[]> change : profileChangelog.readRecordsToList()) {
        learningChangelog.pipeInput(change);
        moved = true;
      }
      learningProfiles.readRecordsToList().forEach(profiles.records::add);
      for (TestRecord<byte[], byte[]> learned : learnedSimilarity.readRecordsToList()) {
        similarity.pipeInput(learned);
        moved = true;
      }
      for (TestRecord<String, OfferKpi> kpi : learnedKpis.readRecordsToList()) {
        kpis.records.add(kpi);
        engineKpis.pipeInput(kpi);
        moved = true;
      }
    }
  }

  void offer(OfferCatalogEntry offer) {
    catalog.pipeInput(offer.getOfferId(), offer, offer.getValidFrom());
    handOver();
  }

  void consent(String customerId, Channel channel, boolean granted, Instant at) {
    ConsentChange change = new ConsentChange(customerId, channel, granted, at, "test");
    consents.pipeInput(CustomerPartitions.consentKey(customerId, channel), change, at);
    handOver();
  }

  void erase(String requestId, String customerId, Instant at) {
    erase(customerId, new ErasureRequest(requestId, customerId, at), at);
  }

  void erase(String key, ErasureRequest request, Instant at) {
    erasures.pipeInput(key, request, at);
    handOver();
  }

  /** A tombstone on the catalog: the offer is retired. */
  void retire(String offerId) {
    catalog.pipeInput(offerId, null, TestEvents.T0.minusSeconds(1));
    handOver();
  }

  CustomerOfferState offerState(String customerId) {
    KeyValueStore<String, CustomerOfferState> store = driver.getKeyValueStore(StoreNames.CUSTOMER_OFFER_STATE);
    return store.get(customerId);
  }

  OfferKpi kpi(String offerId) {
    KeyValueStore<String, OfferKpi> store = learning.getKeyValueStore(StoreNames.OFFER_LEDGER);
    return store.get(offerId);
  }

  TopologyFixture() {
    this(Map.of());
  }

  /** A click keyed as a tracker keys it: by its customer when logged in, else by its anonymous id. */
  void click(ClickEvent click) {
    click(click, click.getEventTime());
  }

  /** A click whose record arrived at {@code arrival} (the broker's append time), whatever its event time says. */
  void click(ClickEvent click, Instant arrival) {
    clicks.pipeInput(Topics.CLICKSTREAM.keyOf(click), click, arrival);
    handOver();
  }

  /** A click keyed by its anonymous id even when logged in, as trackers did before clicks were keyed by customer. */
  void clickKeyedByDevice(ClickEvent click) {
    clicks.pipeInput(click.getAnonymousId(), click, click.getEventTime());
    handOver();
  }

  void basket(PosTransaction basket) {
    baskets.pipeInput(basket.getCustomerId(), basket, basket.getEventTime());
    learningBaskets.pipeInput(basket.getCustomerId(), basket, basket.getEventTime());
    handOver();
  }

  void clickBytes(String key, byte[] value, Instant arrival) {
    rawClicks.pipeInput(new TestRecord<>(key.getBytes(StandardCharsets.UTF_8), value, arrival));
    handOver();
  }

  void basketBytes(String key, byte[] value, Instant arrival) {
    rawBaskets.pipeInput(new TestRecord<>(key.getBytes(StandardCharsets.UTF_8), value, arrival));
    handOver();
  }

  CustomerProfile profile(String customerId) {
    return ((ReadOnlyKeyValueStore<String, CustomerProfile>) driver.getAllStateStores().get(StoreNames.CUSTOMER_PROFILES))
        .get(customerId);
  }

  IdentityState identity(String anonymousId) {
    KeyValueStore<String, IdentityState> store = driver.getKeyValueStore(StoreNames.IDENTITY);
    return store.get(anonymousId);
  }

  /**
   * The reasons of the dead letters written so far, by the validation step. (Kafka 4.3.1's TopologyTestDriver does
   * not capture the dead letters of undecodable records; PersonaAppIT checks those against a real broker.)
   */
  List<String> deadLetterReasons() {
    return deadLetters.readRecordsToList().stream()
        .map(r -> new String(r.headers().lastHeader("__streams.errors.message").value(), StandardCharsets.UTF_8))
        .toList();
  }

  List<TestRecord<String, CustomerProfile>> published() {
    return profiles.readRecordsToList();
  }

  @Override
  public void close() {
    driver.close();
    learning.close();
  }
}
