package io.persona.topology;

import static io.persona.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.TestEvents;
import io.persona.avro.ClickEvent;
import io.persona.avro.CustomerProfile;
import io.persona.avro.Device;
import io.persona.avro.PosTransaction;
import io.persona.config.ConfigLoader;
import io.persona.config.StreamsProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersonaTopologyTest {
  private TopologyTestDriver driver;
  private TestInputTopic<String, ClickEvent> clicks;
  private TestInputTopic<String, PosTransaction> baskets;
  private TestInputTopic<byte[], byte[]> rawClicks;
  private TestOutputTopic<String, CustomerProfile> profiles;

  @BeforeEach
  void start() {
    Properties props = StreamsProperties.of(ConfigLoader.load(Map.of(), null));
    props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/persona-ttd-" + System.nanoTime());
    driver = new TopologyTestDriver(PersonaTopology.build(ConfigLoader.load(Map.of(), null)), props);
    clicks = driver.createInputTopic(Topics.CLICKSTREAM.name(), Serdes.String().serializer(),
        Topics.CLICKSTREAM.valueSerde().serializer());
    baskets = driver.createInputTopic(Topics.POS_TRANSACTIONS.name(), Serdes.String().serializer(),
        Topics.POS_TRANSACTIONS.valueSerde().serializer());
    rawClicks = driver.createInputTopic(Topics.CLICKSTREAM.name(), new ByteArraySerializer(), new ByteArraySerializer());
    profiles = driver.createOutputTopic(Topics.CUSTOMER_PROFILES.name(), Serdes.String().deserializer(),
        Topics.CUSTOMER_PROFILES.valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void shouldFoldLoggedInClicksAndLoyaltyBasketsIntoOneProfilePerCustomer() {
    clicks.pipeInput("anon-1", TestEvents.click("e-1", "anon-1", "c-1", T0));
    baskets.pipeInput("c-1", TestEvents.basket("t-1", "c-1", T0.plus(Duration.ofHours(1)), 30.0));
    baskets.pipeInput("c-1", TestEvents.basket("t-2", "c-1", T0.plus(Duration.ofDays(2)), 12.5));

    CustomerProfile latest = profiles.readKeyValuesToMap().get("c-1");

    assertThat(latest.getEventCount()).isEqualTo(3);
    assertThat(latest.getPurchaseCount()).isEqualTo(2);
    assertThat(latest.getTotalSpend()).isEqualTo(42.5);
    assertThat(latest.getFirstSeen()).isEqualTo(T0);
    assertThat(latest.getLastPurchaseAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
    assertThat(latest.getDevicesSeen()).containsExactly(Device.MOBILE);
    assertThat(profileStore().get("c-1")).isEqualTo(latest);
  }

  @Test
  void shouldStampOutputWithTheEventTimeNotTheRecordTimestamp() {
    Instant arrived = T0.plus(Duration.ofDays(30));
    baskets.pipeInput("c-1", TestEvents.basket("t-1", "c-1", T0, 1.0), arrived);

    assertThat(profiles.readRecord().timestamp()).isEqualTo(T0.toEpochMilli());
  }

  @Test
  void shouldTakeTimesFromTheEventNotFromWhenItArrived() {
    baskets.pipeInput("c-1", TestEvents.basket("t-late", "c-1", T0.plus(Duration.ofDays(5)), 1.0));
    baskets.pipeInput("c-1", TestEvents.basket("t-early", "c-1", T0, 1.0));

    CustomerProfile profile = profileStore().get("c-1");

    assertThat(profile.getFirstSeen()).isEqualTo(T0);
    assertThat(profile.getLastSeen()).isEqualTo(T0.plus(Duration.ofDays(5)));
  }

  @Test
  void shouldLeaveAnonymousActivityOutOfCustomerProfiles() {
    clicks.pipeInput("anon-9", TestEvents.click("e-9", "anon-9", null, T0));
    baskets.pipeInput(null, TestEvents.basket("t-9", null, T0, 5.0));

    assertThat(profiles.isEmpty()).isTrue();
  }

  @Test
  void shouldSkipUndecodableBytesAndKeepProcessing() {
    // Kafka 4.3.1's TopologyTestDriver does not capture dead-letter records; PersonaAppIT proves their content
    // against a real broker.
    rawClicks.pipeInput(new TestRecord<>("anon-1".getBytes(StandardCharsets.UTF_8),
        "not avro at all".getBytes(StandardCharsets.UTF_8), T0));
    baskets.pipeInput("c-1", TestEvents.basket("t-1", "c-1", T0, 10.0));

    assertThat(profiles.readValuesToList()).singleElement()
        .satisfies(profile -> assertThat(profile.getPurchaseCount()).isEqualTo(1));
  }

  @Test
  void shouldKeepTheTopologyShapeAndNamesStable() throws IOException {
    // A change here renames state or internal topics: a migration, to be made on purpose.
    assertThat(PersonaTopology.build(ConfigLoader.load(Map.of(), null)).describe().toString()).isEqualTo(golden("golden-topology.txt"));
  }

  private KeyValueStore<String, CustomerProfile> profileStore() {
    return driver.getKeyValueStore(StoreNames.CUSTOMER_PROFILES);
  }

  private static String golden(String resource) throws IOException {
    try (InputStream in = PersonaTopologyTest.class.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
