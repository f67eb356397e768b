package io.persona.serde;

import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Avro single-object encoding (2-byte marker, 8-byte schema fingerprint, body) without a schema registry. The
 * decoder knows every released version of the type, so records written by an older release stay readable.
 *
 * <p>Errors never carry the payload: messages name the type, the size and what was wrong, nothing else.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
  private final String typeName;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Class<T> type, List<Schema> olderWriterSchemas) {
    AvroSafety.install();
    SpecificData model = SpecificData.getForClass(type);
    Schema schema = model.getSchema(type);
    this.typeName = schema.getName();
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    SchemaStore.Cache store = new SchemaStore.Cache();
    olderWriterSchemas.forEach(store::addSchema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, store);
  }

  /** A serde for {@code type} that reads its current schema and every released version. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(type, ReleasedSchemas.fromClasspath(type.getSimpleName()));
  }

  /** A serde that also reads the given writer schemas (for tests of evolution). */
  static <T extends SpecificRecord> AvroSerde<T> withWriterSchemas(Class<T> type, List<Schema> writerSchemas) {
    return new AvroSerde<>(type, writerSchemas);
  }

  public byte[] encode(T value) {
    try {
      return Utils.toArray(encoder.encode(value));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + typeName + ": " + e.getClass().getSimpleName());
    }
  }

  public T decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new SerializationException("cannot decode " + typeName + ": empty value");
    }
    try {
      return decoder.decode(bytes);
    } catch (BadHeaderException | MissingSchemaException e) {
      // Avro's own wording here is payload-free: it names the marker or the fingerprint.
      throw new SerializationException(failure(bytes, e.getMessage()));
    } catch (EOFException e) {
      throw new SerializationException(failure(bytes, "truncated body"));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(failure(bytes, "malformed body (" + e.getClass().getSimpleName() + ")"));
    }
  }

  private String failure(byte[] bytes, String reason) {
    return "cannot decode " + typeName + " (" + bytes.length + " bytes): " + reason;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : encode(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }
}
