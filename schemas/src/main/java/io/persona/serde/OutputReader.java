package io.persona.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads an output topic whatever {@code output.format} wrote it, told apart by the first bytes: the single-object
 * marker (C3 01), a JSON object ('{'), or a registry's magic byte (00). A topic written under several formats over
 * time reads through.
 */
public final class OutputReader<T extends SpecificRecord> implements Deserializer<T> {
  private final AvroSerde<T> avro;
  private final JsonRecordSerde<T> json;
  private final Deserializer<T> registry;

  /** @param registry reads registry-framed values; null when no registry is configured */
  public OutputReader(Class<T> type, Deserializer<T> registry) {
    this.avro = AvroSerde.of(type);
    this.json = JsonRecordSerde.of(type);
    this.registry = registry;
  }

  @Override
  public T deserialize(String topic, byte[] bytes) {
    return deserialize(topic, null, bytes);
  }

  @Override
  public T deserialize(String topic, Headers headers, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length > 0 && bytes[0] == '{') {
      return json.decode(bytes);
    }
    if (bytes.length > 0 && bytes[0] == 0) {
      if (registry == null) {
        throw new SerializationException("a value of " + bytes.length + " bytes is framed for a schema registry: "
            + "set output.registry.url to read it");
      }
      return registry.deserialize(topic, headers, bytes);
    }
    return avro.decode(bytes);
  }
}
