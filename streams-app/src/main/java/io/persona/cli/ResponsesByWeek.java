package io.persona.cli;

import io.persona.avro.ExperimentArm;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OutcomeType;
import io.persona.topology.Topics;
import io.persona.topology.WholeTopic;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Offers sent (treatment) whose attribution window has closed, and those answered (redeemed or converted), by the
 * event-time week of their decision. A decision still open counts in neither: its answer may yet come.
 */
final class ResponsesByWeek {
  private ResponsesByWeek() {}

  /** Monday of each week to {closed, answered}, oldest first. */
  static Map<LocalDate, long[]> read(Map<String, Object> consumerSettings, String outcomesTopic) {
    Map<String, LocalDate> sentWeek = new HashMap<>();
    Set<String> answered = new HashSet<>();
    Set<String> closed = new HashSet<>();
    Map<String, Object> settings = new HashMap<>(consumerSettings);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      WholeTopic.readToEnd(consumer, outcomesTopic, record -> {
        OfferOutcome outcome = Topics.OFFER_OUTCOMES.valueSerde().decode(record.value());
        if (outcome.getExperimentArm() != ExperimentArm.TREATMENT) {
          return;
        }
        if (outcome.getOutcome() == OutcomeType.SENT) {
          sentWeek.put(outcome.getOfferEventId(), monday(outcome));
        } else if (outcome.getOutcome() == OutcomeType.REDEEMED || outcome.getOutcome() == OutcomeType.CONVERTED) {
          answered.add(outcome.getOfferEventId());
          closed.add(outcome.getOfferEventId());
        } else if (outcome.getOutcome() == OutcomeType.IGNORED) {
          closed.add(outcome.getOfferEventId());
        }
      });
    }
    Map<LocalDate, long[]> weeks = new TreeMap<>();
    sentWeek.forEach((offerEventId, week) -> {
      if (!closed.contains(offerEventId)) {
        return;
      }
      long[] counts = weeks.computeIfAbsent(week, w -> new long[2]);
      counts[0]++;
      counts[1] += answered.contains(offerEventId) ? 1 : 0;
    });
    return weeks;
  }

  private static LocalDate monday(OfferOutcome outcome) {
    return outcome.getOccurredAt().atZone(ZoneOffset.UTC).toLocalDate()
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }
}
