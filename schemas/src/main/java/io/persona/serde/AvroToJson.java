package io.persona.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema.Field;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.utils.Utils;

/** The writing half of {@link JsonAvro}: an Avro value (generic or specific) as plain JSON. */
final class AvroToJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroToJson() {}

  static JsonNode write(Object value, Schema schema) {
    if (value == null) {
      return NODES.nullNode();
    }
    return switch (schema.getType()) {
      case UNION -> write(value, branchOf(schema, value));
      case RECORD -> writeRecord((IndexedRecord) value, schema);
      case ARRAY -> writeArray((List<?>) value, schema);
      case LONG -> writeLong(value, schema);
      case INT -> NODES.numberNode(((Number) value).intValue());
      case DOUBLE, FLOAT -> NODES.numberNode(((Number) value).doubleValue());
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(Utils.toArray((ByteBuffer) value)));
      case MAP -> writeMap((Map<?, ?>) value, schema);
      default -> NODES.textNode(value.toString());
    };
  }

  /** Our unions are [null, X]; X is taken as is, since specific records hold java.time values Avro can't resolve. */
  private static Schema branchOf(Schema union, Object value) {
    List<Schema> nonNull = union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
    return nonNull.size() == 1 ? nonNull.get(0) : union.getTypes().get(GenericData.get().resolveUnion(union, value));
  }

  private static ObjectNode writeRecord(IndexedRecord record, Schema schema) {
    ObjectNode node = NODES.objectNode();
    for (Field field : schema.getFields()) {
      node.set(field.name(), write(record.get(field.pos()), field.schema()));
    }
    return node;
  }

  private static ArrayNode writeArray(List<?> items, Schema schema) {
    ArrayNode node = NODES.arrayNode(items.size());
    items.forEach(item -> node.add(write(item, schema.getElementType())));
    return node;
  }

  private static ObjectNode writeMap(Map<?, ?> map, Schema schema) {
    ObjectNode node = NODES.objectNode();
    map.forEach((key, item) -> node.set(key.toString(), write(item, schema.getValueType())));
    return node;
  }

  /** Timestamps arrive as {@link Instant} from specific records and as epoch millis from generic ones. */
  private static JsonNode writeLong(Object value, Schema schema) {
    if (value instanceof Instant instant) {
      return NODES.textNode(instant.toString());
    }
    long number = ((Number) value).longValue();
    return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
        ? NODES.textNode(Instant.ofEpochMilli(number).toString())
        : NODES.numberNode(number);
  }

}
