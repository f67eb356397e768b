package io.persona.topology;

import io.persona.avro.ClickEvent;
import io.persona.avro.ConsentChange;
import io.persona.avro.ErasureRequest;
import io.persona.avro.PosTransaction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Stream time is event time: the time the shopper acted, carried in the event, not when a producer happened to send
 * it. Replaying last year's data therefore gives the same results as live processing did.
 */
public final class EventTimeExtractor implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    Object value = record.value();
    if (value instanceof ClickEvent click) {
      return click.getEventTime().toEpochMilli();
    }
    if (value instanceof PosTransaction basket) {
      return basket.getEventTime().toEpochMilli();
    }
    if (value instanceof ConsentChange consent) {
      return consent.getChangedAt().toEpochMilli();
    }
    if (value instanceof ErasureRequest erasure) {
      return erasure.getRequestedAt().toEpochMilli();
    }
    return record.timestamp();
  }
}
