package io.persona.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.persona.avro.CustomerProfile;
import io.persona.config.ConfigLoader;
import io.persona.testkit.TestEvents;
import io.persona.topology.Topics;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecodedProfileStoreTest {
  private final ProfileUpdater updater = new ProfileUpdater(ConfigLoader.load(Map.of(), null).profile());
  private DecodedProfileStore store;

  @BeforeEach
  void open() {
    open(16);
  }

  private void open(int capacity) {
    open(capacity, true);
  }

  private void open(int capacity, boolean writeBack) {
    store = DecodedProfileStore.builder(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("profiles"),
        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(), capacity, writeBack).build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private UnaryOperator<CustomerProfile> click(String customerId, String eventId, long minutes) {
    return profile -> updater.applyClick(customerId, profile,
        TestEvents.click(eventId, "anon-1", customerId, TestEvents.T0.plusSeconds(60 * minutes)));
  }

  private static UnaryOperator<CustomerProfile> failingPartWay() {
    return profile -> {
      profile.setEventCount(profile.getEventCount() + 100);
      throw new IllegalStateException("failed part-way");
    };
  }

  private Long storedEventCount(String key) {
    byte[] stored = store.wrapped().get(key);
    return stored == null ? null : Topics.CUSTOMER_PROFILES.valueSerde().decode(stored).getEventCount();
  }

  @Test
  void shouldEncodeAChangedProfileIntoTheStoreBelowOncePerFlush() {
    store.update("c-1", click("c-1", "e-1", 0));
    store.update("c-1", click("c-1", "e-2", 1));
    assertThat(storedEventCount("c-1")).isNull();

    store.flush();

    assertThat(storedEventCount("c-1")).isEqualTo(2);
    assertThat(store.get("c-1").getEventCount()).isEqualTo(2);
  }

  @Test
  void shouldUndoAFailedChangeAndKeepTheUnflushedChangesBeforeIt() {
    store.update("c-1", click("c-1", "e-1", 0));
    store.flush();
    store.update("c-1", click("c-1", "e-2", 1));

    assertThatThrownBy(() -> store.update("c-1", failingPartWay())).hasMessage("failed part-way");
    store.update("c-1", click("c-1", "e-3", 2));
    store.flush();

    assertThat(store.get("c-1").getEventCount()).isEqualTo(3);
    assertThat(storedEventCount("c-1")).isEqualTo(3);
  }

  @Test
  void shouldWriteAChangedProfileThatLeavesTheDecodedSetBeforeTheFlush() {
    store.close();
    open(1);
    store.update("c-1", click("c-1", "e-1", 0));
    store.update("c-2", click("c-2", "e-2", 1));

    assertThat(storedEventCount("c-1")).isEqualTo(1);
    assertThat(storedEventCount("c-2")).isNull();
    assertThat(store.get("c-1").getEventCount()).isEqualTo(1);
  }

  @Test
  void shouldDropUnflushedChangesWhenTheTaskClosesDirty() {
    store.update("c-1", click("c-1", "e-1", 0));
    store.flush();
    store.update("c-1", click("c-1", "e-2", 1));

    store.clearCache();

    assertThat(store.get("c-1").getEventCount()).isEqualTo(1);
  }

  @Test
  void shouldWriteEveryChangeThroughAtOnceUnderAtLeastOnce() {
    store.close();
    open(16, false);
    store.update("c-1", click("c-1", "e-1", 0));
    assertThat(storedEventCount("c-1")).isEqualTo(1);

    assertThatThrownBy(() -> store.update("c-1", failingPartWay())).hasMessage("failed part-way");

    assertThat(store.get("c-1").getEventCount()).isEqualTo(1);
  }
}
