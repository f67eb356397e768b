package io.persona.topology;

import java.time.Duration;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Stream time is event time: the time the shopper acted, carried in the event (the field each {@link Topic} names),
 * not when a producer happened to send it. Replaying last year's data therefore gives the same results as live
 * processing did.
 *
 * <p>An event cannot happen after it arrived: an event time far ahead of the record's arrival time (the broker's
 * append time, which input topics are created with, so it is part of the log and replays the same) is not believed.
 * The record keeps its arrival time, so one bad clock cannot drag stream time into the future, and the validator
 * sends it to the dead letters.
 */
public final class EventTimeExtractor implements TimestampExtractor {
  static final Duration DEFAULT_MAX_FUTURE = Duration.ofDays(1);

  private final long maxFutureMs;

  public EventTimeExtractor() {
    this(DEFAULT_MAX_FUTURE);
  }

  public EventTimeExtractor(Duration maxFuture) {
    this.maxFutureMs = maxFuture.toMillis();
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (!(record.value() instanceof SpecificRecord value)) {
      return record.timestamp();
    }
    Optional<Long> eventTime = eventTimeOf(value);
    if (eventTime.isEmpty()) {
      return record.timestamp();
    }
    long arrival = record.timestamp();
    return eventTime.get() > arrival + maxFutureMs ? arrival : eventTime.get();
  }

  @SuppressWarnings("unchecked")
  private static <V extends SpecificRecord> Optional<Long> eventTimeOf(V value) {
    return Topics.byValueType((Class<V>) value.getClass()).map(topic -> topic.eventTime(value).toEpochMilli());
  }
}
