package io.persona.topology;

import io.persona.serde.JsonAvro;
import io.persona.serde.JsonAvroException;
import java.io.IOException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.utils.Utils;

/** Turns one JSON line into the key, event time and Avro bytes of a record for one topic. */
public final class JsonLineEncoder {
  /** A line ready to publish. {@code key} is null when the key field is null (an anonymous POS basket). */
  /** @param customerId the customer whose partition the record belongs in, when the key is composite */
  public record Encoded(String key, String customerId, long timestamp, byte[] value) {}

  private final Topic<?> topic;
  private final BinaryMessageEncoder<GenericRecord> encoder;

  public JsonLineEncoder(Topic<?> topic) {
    this.topic = topic;
    this.encoder = new BinaryMessageEncoder<>(GenericData.get(), topic.schema());
  }

  public Encoded encode(String line) throws JsonAvroException {
    GenericRecord record = JsonAvro.fromJson(line, topic.schema());
    byte[] bytes = toBytes(record);
    long timestamp = (Long) record.get(topic.eventTimeField());
    return new Encoded(topic.keyOf(record), topic.customerOfCompositeKey(record), timestamp, bytes);
  }

  private byte[] toBytes(GenericRecord record) throws JsonAvroException {
    try {
      return Utils.toArray(encoder.encode(record));
    } catch (IOException | RuntimeException e) {
      throw new JsonAvroException("(document)", "cannot encode: " + e.getClass().getSimpleName());
    }
  }
}
