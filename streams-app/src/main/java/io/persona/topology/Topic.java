package io.persona.topology;

import io.persona.serde.AvroSerde;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A typed topic descriptor: the topology never pairs a topic with the wrong serde, and the CLI knows which field is
 * the key and which the event time.
 */
public final class Topic<V extends SpecificRecord> {
  private final String name;
  private final Class<V> valueType;
  private final List<String> keyFields;
  private final String keySuffixField;
  private final String eventTimeField;
  private final TopicLayout layout;
  private final AvroSerde<V> valueSerde;
  private final int eventTimePosition;

  Topic(String name, Class<V> valueType, String keyField, String eventTimeField, TopicLayout layout) {
    this(name, valueType, List.of(keyField), null, eventTimeField, layout);
  }

  /**
   * @param keyFields the fields that may hold the key, in order of preference: the first one present is the key
   * @param keySuffixField a second field appended to the key after {@link CustomerPartitions#SEPARATOR}, or null
   */
  Topic(String name, Class<V> valueType, List<String> keyFields, String keySuffixField, String eventTimeField,
      TopicLayout layout) {
    this.name = name;
    this.valueType = valueType;
    this.keyFields = List.copyOf(keyFields);
    this.keySuffixField = keySuffixField;
    this.eventTimeField = eventTimeField;
    this.layout = layout;
    this.valueSerde = AvroSerde.of(valueType);
    this.eventTimePosition = schema().getField(eventTimeField).pos();
  }

  public String name() {
    return name;
  }

  public Class<V> valueType() {
    return valueType;
  }

  public Schema schema() {
    return SpecificData.get().getSchema(valueType);
  }

  /**
   * The record key of {@code value}: its first key field present ({@code customerId}, else {@code anonymousId} on
   * clickstream), followed, when the topic has a key suffix field, by that field ({@code c-1/EMAIL} on
   * consent-changes, so that compaction keeps the latest change of every channel).
   */
  public String keyOf(IndexedRecord value) {
    Object key = null;
    for (int i = 0; key == null && i < keyFields.size(); i++) {
      key = value.get(value.getSchema().getField(keyFields.get(i)).pos());
    }
    if (key == null || keySuffixField == null) {
      return key == null ? null : key.toString();
    }
    return CustomerPartitions.consentKey(key.toString(), value.get(value.getSchema().getField(keySuffixField).pos()));
  }

  /** For a composite key ({@code c-1/EMAIL}), the customer whose partition the record belongs in; otherwise null. */
  public String customerOfCompositeKey(IndexedRecord value) {
    if (keySuffixField == null) {
      return null;
    }
    Object customer = value.get(value.getSchema().getField(keyFields.get(0)).pos());
    return customer == null ? null : customer.toString();
  }

  /** The value field holding the event time, used as the record timestamp. */
  public String eventTimeField() {
    return eventTimeField;
  }

  /** The event time carried in {@code value}, a record of this topic's type, in epoch milliseconds. */
  public long eventTimeMillis(SpecificRecord value) {
    return ((Instant) value.get(eventTimePosition)).toEpochMilli();
  }

  public TopicLayout layout() {
    return layout;
  }

  public AvroSerde<V> valueSerde() {
    return valueSerde;
  }

  @Override
  public String toString() {
    return name;
  }
}
