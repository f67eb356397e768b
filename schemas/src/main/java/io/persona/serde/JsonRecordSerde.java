package io.persona.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A record as the JSON {@code persona consume} prints (see {@link JsonAvro}), UTF-8. Reading ignores top-level
 * fields the schema does not know, as any consumer of an output should: a newer writer may have added them.
 *
 * <p>Errors never carry the payload: messages name the type, the size and the field that was wrong.
 */
public final class JsonRecordSerde<T extends SpecificRecord> implements Serde<T> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Schema schema;
  private final SpecificData model;
  private final List<String> fieldNames;

  private JsonRecordSerde(Class<T> type) {
    this.model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
    this.fieldNames = schema.getFields().stream().map(Schema.Field::name).toList();
  }

  public static <T extends SpecificRecord> JsonRecordSerde<T> of(Class<T> type) {
    return new JsonRecordSerde<>(type);
  }

  public byte[] encode(T value) {
    return JsonAvro.toJson(value).getBytes(StandardCharsets.UTF_8);
  }

  public T decode(byte[] bytes) {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node instanceof ObjectNode object) {
        object.retain(fieldNames);
      }
      return toSpecific(JsonAvro.fromJson(MAPPER.writeValueAsString(node), schema));
    } catch (JsonAvroException e) {
      throw new SerializationException(failure(bytes, e.getMessage()));
    } catch (JsonProcessingException e) {
      throw new SerializationException(failure(bytes, "not valid JSON"));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(failure(bytes, e.getClass().getSimpleName()));
    }
  }

  /** The JSON view holds plain values (epoch millis, symbols); the generated class wants its own (Instant, enums). */
  @SuppressWarnings("unchecked")
  private T toSpecific(GenericRecord record) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return (T) new SpecificDatumReader<>(schema, schema, model)
        .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
  }

  private String failure(byte[] bytes, String reason) {
    return "cannot decode " + schema.getName() + " as JSON (" + bytes.length + " bytes): " + reason;
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
