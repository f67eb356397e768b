package io.persona.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.ClickEvent;
import io.persona.avro.PosTransaction;
import io.persona.testkit.TestEvents;
import io.persona.topology.Topic;
import io.persona.topology.Topics;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeRoundTripTest {
  private static final int RECORDS_PER_SCHEMA = 300;

  static Stream<Topic<?>> topics() {
    return Topics.EVENT_TOPICS.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  void shouldDecodeEveryRandomRecordOfTheSchemaAndEncodeItBackToTheSameBytes(Topic<?> topic) throws Exception {
    BinaryMessageEncoder<GenericRecord> generic = new BinaryMessageEncoder<>(GenericData.get(), topic.schema());
    for (Object random : new RandomData(topic.schema(), RECORDS_PER_SCHEMA, 42L)) {
      byte[] written = Utils.toArray(generic.encode((GenericRecord) random));

      SpecificRecord decoded = topic.valueSerde().decode(written);

      assertThat(reencode(topic, decoded)).isEqualTo(written);
    }
  }

  @Test
  void shouldRoundTripAClickAndABasketToEqualObjects() {
    ClickEvent click = TestEvents.click("e-1", "anon-1", "c-1", TestEvents.T0);
    PosTransaction basket = TestEvents.basket("t-1", "c-1", TestEvents.T0, 42.5);

    assertThat(Topics.CLICKSTREAM.valueSerde().decode(Topics.CLICKSTREAM.valueSerde().encode(click))).isEqualTo(click);
    assertThat(Topics.POS_TRANSACTIONS.valueSerde().decode(Topics.POS_TRANSACTIONS.valueSerde().encode(basket)))
        .isEqualTo(basket);
  }

  @Test
  void shouldTreatNullAsATombstoneBothWays() {
    assertThat(Topics.CUSTOMER_PROFILES.valueSerde().serializer().serialize("customer-profiles", null)).isNull();
    assertThat(Topics.CUSTOMER_PROFILES.valueSerde().deserializer().deserialize("customer-profiles", null)).isNull();
  }

  @SuppressWarnings("unchecked")
  private static <V extends SpecificRecord> byte[] reencode(Topic<V> topic, SpecificRecord record) {
    return topic.valueSerde().encode((V) record);
  }

}
