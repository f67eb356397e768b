package io.persona.cli;

import io.persona.serve.marketing.ResponseTimeline;
import io.persona.topology.Topics;
import io.persona.topology.WholeTopic;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Offers sent (treatment) whose attribution window has closed, and those answered (redeemed or converted), by the
 * event-time week of their decision: the marketer page's daily timeline, in weeks.
 */
final class ResponsesByWeek {
  private ResponsesByWeek() {}

  /** Monday of each week to {closed, answered}, oldest first. */
  static Map<LocalDate, long[]> read(Map<String, Object> consumerSettings, String outcomesTopic) {
    ResponseTimeline timeline = new ResponseTimeline();
    Map<String, Object> settings = new HashMap<>(consumerSettings);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      WholeTopic.readToEnd(consumer, outcomesTopic,
          record -> timeline.add(Topics.OFFER_OUTCOMES.valueSerde().decode(record.value()), null));
    }
    Map<LocalDate, long[]> weeks = new TreeMap<>();
    timeline.days().forEach((day, arms) -> {
      if (arms[0].closed() > 0) {
        long[] counts = weeks.computeIfAbsent(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
            w -> new long[2]);
        counts[0] += arms[0].closed();
        counts[1] += arms[0].answered();
      }
    });
    return weeks;
  }
}
