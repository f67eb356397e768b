package io.persona.topology;

import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Stream time is event time: the time the shopper acted, carried in the event (the field each {@link Topic} names),
 * not when a producer happened to send it. Replaying last year's data therefore gives the same results as live
 * processing did.
 */
public final class EventTimeExtractor implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof SpecificRecord value) {
      Optional<Long> eventTime = eventTimeOf(value);
      if (eventTime.isPresent()) {
        return eventTime.get();
      }
    }
    return record.timestamp();
  }

  @SuppressWarnings("unchecked")
  private static <V extends SpecificRecord> Optional<Long> eventTimeOf(V value) {
    return Topics.byValueType((Class<V>) value.getClass()).map(topic -> topic.eventTime(value).toEpochMilli());
  }
}
