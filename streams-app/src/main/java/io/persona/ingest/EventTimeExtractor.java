package io.persona.ingest;

import io.persona.topology.Topic;
import io.persona.topology.Topics;
import java.time.Duration;
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
    long arrival = record.timestamp();
    if (!(record.value() instanceof SpecificRecord value)) {
      return arrival;
    }
    Topic<?> topic = Topics.byValueType(value.getClass());
    if (topic == null) {
      return arrival;
    }
    long eventTime = topic.eventTimeMillis(value);
    return eventTime > arrival + maxFutureMs ? arrival : eventTime;
  }
}
