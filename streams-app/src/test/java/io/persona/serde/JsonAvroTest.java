package io.persona.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.persona.avro.ClickEvent;
import io.persona.avro.CustomerProfile;
import io.persona.avro.PosTransaction;
import io.persona.testkit.TestEvents;
import io.persona.topology.Topics;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonAvroTest {
  private static final String CLICK = """
      {"eventId":"e-1","eventTime":"2026-03-01T10:00:00Z","anonymousId":"anon-1","customerId":"c-1",
       "sessionId":"s-1","type":"PRODUCT_VIEW","productId":"p-42","price":19.99,"device":"MOBILE"}""";

  @Test
  void shouldReadPlainJsonWithNullableFieldsLeftOutAndTimestampsAsIsoText() throws Exception {
    GenericRecord record = JsonAvro.fromJson(CLICK, Topics.CLICKSTREAM.schema());

    assertThat(record.get("eventTime")).isEqualTo(TestEvents.T0.toEpochMilli());
    assertThat(record.get("customerId")).isEqualTo("c-1");
    assertThat(record.get("brand")).isNull();
    assertThat(record.get("price")).isEqualTo(19.99);
  }

  @Test
  void shouldPrintASpecificRecordAsJsonThatReadsBackToTheSameRecord() throws Exception {
    PosTransaction basket = TestEvents.basket("t-1", "c-1", TestEvents.T0, 42.5);

    String json = JsonAvro.toJson(basket);
    GenericRecord back = JsonAvro.fromJson(json, Topics.POS_TRANSACTIONS.schema());

    assertThat(json).contains("\"eventTime\":\"2026-03-01T10:00:00Z\"").contains("\"customerId\":\"c-1\"");
    assertThat(JsonAvro.toJson(back)).isEqualTo(json);
  }

  @Test
  void shouldPrintANullableTimestampOfASpecificRecordAsIsoText() throws Exception {
    CustomerProfile profile = CustomerProfile.newBuilder().setCustomerId("c-1").setFirstSeen(TestEvents.T0)
        .setLastSeen(TestEvents.T0).setLastPurchaseAt(TestEvents.T0).build();

    String json = JsonAvro.toJson(profile);

    assertThat(json).contains("\"lastPurchaseAt\":\"2026-03-01T10:00:00Z\"");
    assertThat(JsonAvro.toJson(JsonAvro.fromJson(json, Topics.CUSTOMER_PROFILES.schema()))).isEqualTo(json);
  }

  @Test
  void shouldAcceptEpochMillisForATimestamp() throws Exception {
    String epoch = CLICK.replace("\"2026-03-01T10:00:00Z\"", Long.toString(TestEvents.T0.toEpochMilli()));

    assertThat(JsonAvro.fromJson(epoch, Topics.CLICKSTREAM.schema()).get("eventTime"))
        .isEqualTo(TestEvents.T0.toEpochMilli());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "price as text          | \"price\":19.99                | \"price\":\"cheap\"               | price",
      "unknown enum symbol    | \"type\":\"PRODUCT_VIEW\"      | \"type\":\"TELEPORT\"             | type",
      "bad timestamp          | \"2026-03-01T10:00:00Z\"       | \"yesterday\"                     | eventTime",
      "blank required id      | \"eventId\":\"e-1\"            | \"eventId\":\" \"                 | eventId",
      "missing required field | \"sessionId\":\"s-1\",         | ''                               | sessionId",
      "unknown field          | \"device\":\"MOBILE\"          | \"device\":\"MOBILE\",\"colour\":1 | colour",
      "null for required      | \"anonymousId\":\"anon-1\"     | \"anonymousId\":null             | anonymousId",
      "quantity not integral  | \"price\":19.99                | \"quantity\":1.5                 | quantity",
      "unpaired surrogate     | \"productId\":\"p-42\"         | \"productId\":\"p\\ud800\"        | productId",
      "blank optional field   | \"productId\":\"p-42\"         | \"productId\":\"  \"             | productId",
      "time before 1970       | \"2026-03-01T10:00:00Z\"       | \"1969-12-31T23:59:59Z\"          | eventTime",
  })
  void shouldNameTheFieldThatIsWrong(String why, String find, String replace, String field) {
    String bad = CLICK.replace(find, replace);
    assertThat(bad).as("the test must change the document").isNotEqualTo(CLICK);

    assertThatThrownBy(() -> JsonAvro.fromJson(bad, Topics.CLICKSTREAM.schema()))
        .isInstanceOfSatisfying(JsonAvroException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void shouldNameTheNestedFieldInsideAnArray() {
    String bad = JsonAvro.toJson(TestEvents.basket("t-1", "c-1", TestEvents.T0, 42.5))
        .replace("\"quantity\":1", "\"quantity\":\"one\"");

    assertThatThrownBy(() -> JsonAvro.fromJson(bad, Topics.POS_TRANSACTIONS.schema()))
        .isInstanceOfSatisfying(JsonAvroException.class, e -> assertThat(e.field()).isEqualTo("lineItems[0].quantity"));
  }

  @Test
  void shouldRejectALineThatIsNotJsonWithoutQuotingIt() {
    assertThatThrownBy(() -> JsonAvro.fromJson("{\"eventId\": alice.smith", Topics.CLICKSTREAM.schema()))
        .isInstanceOf(JsonAvroException.class)
        .hasMessageContaining("not valid JSON (column")
        .hasMessageNotContaining("alice");
  }

  @Test
  void shouldEncodeToTheSameBytesAsTheGeneratedClass() throws Exception {
    ClickEvent click = TestEvents.click("e-1", "anon-1", "c-1", TestEvents.T0);
    GenericRecord fromJson = JsonAvro.fromJson(JsonAvro.toJson(click), Topics.CLICKSTREAM.schema());

    byte[] generic = Utils.toArray(
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), Topics.CLICKSTREAM.schema()).encode(fromJson));
    assertThat(generic).isEqualTo(Topics.CLICKSTREAM.valueSerde().encode(click));
  }
}
