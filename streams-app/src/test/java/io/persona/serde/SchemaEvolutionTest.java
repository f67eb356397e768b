package io.persona.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.ClickEvent;
import io.persona.avro.Device;
import io.persona.topology.Contracts;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** Records written by an older release of a schema stay readable by the current code. */
class SchemaEvolutionTest {
  /** ClickEvent as an earlier release might have had it: no url, no device. */
  private static final Schema OLDER_CLICK = new Schema.Parser().parse("""
      {"type":"record","name":"ClickEvent","namespace":"io.persona.avro","fields":[
        {"name":"eventId","type":"string"},
        {"name":"eventTime","type":{"type":"long","logicalType":"timestamp-millis"}},
        {"name":"anonymousId","type":"string"},
        {"name":"customerId","type":["null","string"],"default":null},
        {"name":"sessionId","type":"string"},
        {"name":"type","type":{"type":"enum","name":"ClickEventType",
          "symbols":["UNKNOWN","PAGE_VIEW","PRODUCT_VIEW","SEARCH","ADD_TO_CART","REMOVE_FROM_CART","CHECKOUT","PURCHASE","LOGIN"],
          "default":"UNKNOWN"}},
        {"name":"productId","type":["null","string"],"default":null},
        {"name":"category","type":["null","string"],"default":null},
        {"name":"brand","type":["null","string"],"default":null},
        {"name":"price","type":["null","double"],"default":null},
        {"name":"quantity","type":["null","int"],"default":null},
        {"name":"searchQuery","type":["null","string"],"default":null}]}""");

  @Test
  void shouldReadARecordWrittenWithAnOlderReleasedSchemaFillingNewFieldsWithDefaults() throws Exception {
    GenericRecord old = new GenericData.Record(OLDER_CLICK);
    old.put("eventId", "e-1");
    old.put("eventTime", 1_700_000_000_000L);
    old.put("anonymousId", "anon-1");
    old.put("sessionId", "s-1");
    old.put("type", new GenericData.EnumSymbol(OLDER_CLICK.getField("type").schema(), "SEARCH"));
    old.put("searchQuery", "garden hose");
    byte[] written = Utils.toArray(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), OLDER_CLICK).encode(old));

    ClickEvent read = AvroSerde.withWriterSchemas(ClickEvent.class, List.of(OLDER_CLICK)).decode(written);

    assertThat(read.getEventId()).isEqualTo("e-1");
    assertThat(read.getSearchQuery()).isEqualTo("garden hose");
    assertThat(read.getDevice()).isEqualTo(Device.UNKNOWN);
    assertThat(read.getUrl()).isNull();
  }

  @Test
  void shouldShipEveryTopicSchemaAsAReleasedVersionOnTheClasspath() {
    Contracts.VERSIONED_TYPES.forEach(type ->
        assertThat(ReleasedSchemas.fromClasspath(type.getSimpleName())).as(type.getSimpleName()).isNotEmpty());
  }

}
