package io.persona.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema.Field;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;

/**
 * The plain-JSON view of our events for people and scripts: nullable fields are the value or null (no Avro union
 * wrappers), enums are their symbol, timestamps are ISO-8601 text (epoch milliseconds are accepted too).
 */
public final class JsonAvro {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonAvro() {}

  /** Parses one JSON document into a record of {@code schema}, or says which field is wrong and why. */
  public static GenericRecord fromJson(String json, Schema schema) throws JsonAvroException {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      // The parser's own message quotes the input; say only where it broke.
      throw new JsonAvroException("(document)", "not valid JSON (column " + e.getLocation().getColumnNr() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new JsonAvroException("(document)", "expected a JSON object");
    }
    return (GenericRecord) read(node, schema, "");
  }

  /** Renders a generic or specific record as one line of JSON. */
  public static String toJson(IndexedRecord record) {
    return AvroToJson.write(record, record.getSchema()).toString();
  }

  private static Object read(JsonNode node, Schema schema, String path) throws JsonAvroException {
    return switch (schema.getType()) {
      case UNION -> readUnion(node, schema, path);
      case RECORD -> readRecord(node, schema, path);
      case ENUM -> readEnum(node, schema, path);
      case ARRAY -> readArray(node, schema, path);
      case STRING -> readString(node, path);
      case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis ? readTimestamp(node, path)
          : readLong(node, path);
      case INT -> readInt(node, path);
      case DOUBLE, FLOAT -> readNumber(node, path);
      case BOOLEAN -> readBoolean(node, path);
      case NULL -> require(node.isNull(), path, "must be null");
      case BYTES -> ByteBuffer.wrap(Base64.getDecoder().decode(node.asText()));
      default -> throw new JsonAvroException(path, "type " + schema.getType() + " is not supported in JSON");
    };
  }

  private static Object readUnion(JsonNode node, Schema union, String path) throws JsonAvroException {
    if (node.isNull()) {
      if (union.isNullable()) {
        return null;
      }
      throw new JsonAvroException(path, "must not be null");
    }
    JsonAvroException firstFailure = null;
    for (Schema branch : union.getTypes()) {
      if (branch.getType() == Schema.Type.NULL) {
        continue;
      }
      try {
        return read(node, branch, path);
      } catch (JsonAvroException e) {
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }
    throw firstFailure;
  }

  private static GenericRecord readRecord(JsonNode node, Schema schema, String path) throws JsonAvroException {
    require(node.isObject(), path, "must be a JSON object");
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (schema.getField(name) == null) {
        throw new JsonAvroException(join(path, name), "unknown field; " + schema.getName() + " has "
            + schema.getFields().stream().map(Field::name).toList());
      }
    }
    GenericData.Record record = new GenericData.Record(schema);
    for (Field field : schema.getFields()) {
      JsonNode value = node.get(field.name());
      String fieldPath = join(path, field.name());
      if (value == null) {
        if (!field.hasDefaultValue()) {
          throw new JsonAvroException(fieldPath, "missing required field");
        }
        record.put(field.pos(), GenericData.get().getDefaultValue(field));
      } else {
        record.put(field.pos(), read(value, field.schema(), fieldPath));
      }
    }
    return record;
  }

  private static Object readEnum(JsonNode node, Schema schema, String path) throws JsonAvroException {
    require(node.isTextual() && schema.hasEnumSymbol(node.asText()), path, "must be one of " + schema.getEnumSymbols());
    return new GenericData.EnumSymbol(schema, node.asText());
  }

  private static List<Object> readArray(JsonNode node, Schema schema, String path) throws JsonAvroException {
    require(node.isArray(), path, "must be a JSON array");
    List<Object> items = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      items.add(read(node.get(i), schema.getElementType(), path + "[" + i + "]"));
    }
    return new GenericData.Array<>(schema, items);
  }

  private static String readString(JsonNode node, String path) throws JsonAvroException {
    require(node.isTextual(), path, "must be a string");
    String text = node.asText();
    require(!text.isBlank(), path, "must not be blank (leave an optional field out, or use null)");
    require(isWellFormed(text), path, "contains an unpaired UTF-16 surrogate");
    return text;
  }

  private static long readTimestamp(JsonNode node, String path) throws JsonAvroException {
    long millis;
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      millis = node.asLong();
    } else {
      require(node.isTextual(), path, "must be an ISO-8601 instant such as 2026-11-22T10:15:30Z, or epoch milliseconds");
      try {
        millis = Instant.parse(node.asText()).toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new JsonAvroException(path, "must be an ISO-8601 instant such as 2026-11-22T10:15:30Z");
      }
    }
    require(millis >= 0, path, "must not be before 1970-01-01T00:00:00Z (Kafka timestamps cannot be)");
    return millis;
  }

  private static long readLong(JsonNode node, String path) throws JsonAvroException {
    require(node.isIntegralNumber() && node.canConvertToLong(), path, "must be a whole number (64-bit)");
    return node.asLong();
  }

  private static int readInt(JsonNode node, String path) throws JsonAvroException {
    require(node.isIntegralNumber() && node.canConvertToInt(), path, "must be a whole number (32-bit)");
    return node.asInt();
  }

  private static double readNumber(JsonNode node, String path) throws JsonAvroException {
    require(node.isNumber(), path, "must be a number");
    return node.asDouble();
  }

  private static boolean readBoolean(JsonNode node, String path) throws JsonAvroException {
    require(node.isBoolean(), path, "must be true or false");
    return node.asBoolean();
  }

  private static boolean isWellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static Object require(boolean ok, String path, String reason) throws JsonAvroException {
    if (!ok) {
      throw new JsonAvroException(path, reason);
    }
    return null;
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
