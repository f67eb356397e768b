package io.persona.bench;

import io.persona.topology.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The traffic in the source topics, as records.
 *
 * @param warmedAt each source partition's end offset after the warm-up: where the engine's timing starts
 * @param warmUpRecords published before the timing starts
 * @param timedRecords published after them
 */
record PublishedInput(Map<TopicPartition, Long> warmedAt, long warmUpRecords, long timedRecords) {
  /** The topics the traffic goes to: the sources of every app timed. */
  static final List<String> SOURCES = List.of(Topics.CLICKSTREAM.name(), Topics.POS_TRANSACTIONS.name());

  long allRecords() {
    return warmUpRecords + timedRecords;
  }
}
