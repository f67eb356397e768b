package io.persona.topology;

import java.util.Map;

/**
 * How a topic is laid out on the broker. Customer-keyed topics share one partition count (the configured
 * {@code topics.partitions}) so that they are co-partitioned and joinable without a repartition.
 *
 * @param coPartitioned true when the topic is keyed by customer and takes the shared partition count
 * @param fixedPartitions the partition count of a topic that is not co-partitioned
 * @param configs broker-side topic configs (cleanup policy, retention)
 */
public record TopicLayout(boolean coPartitioned, int fixedPartitions, Map<String, String> configs) {
  private static final String WEEK_MS = Long.toString(7L * 24 * 3600 * 1000);
  private static final String MONTH_MS = Long.toString(30L * 24 * 3600 * 1000);

  // Retention counts from arrival, not from the event time in the record: a replay of last year's events must not
  // be deleted on arrival. Processing takes event time from the value, never from the record timestamp.
  private static final String ARRIVAL_TIME = "LogAppendTime";

  static TopicLayout customerEvents() {
    return new TopicLayout(true, 0, Map.of("cleanup.policy", "delete", "retention.ms", WEEK_MS,
        "message.timestamp.type", ARRIVAL_TIME));
  }

  static TopicLayout customerState() {
    return new TopicLayout(true, 0, Map.of("cleanup.policy", "compact"));
  }

  static TopicLayout reference(int partitions) {
    return new TopicLayout(false, partitions, Map.of("cleanup.policy", "compact"));
  }

  /** Events keyed by something other than the customer id (the ad feed's pseudonyms): not co-partitioned. */
  static TopicLayout otherEvents(int partitions) {
    return new TopicLayout(false, partitions, Map.of("cleanup.policy", "delete", "retention.ms", WEEK_MS,
        "message.timestamp.type", ARRIVAL_TIME));
  }

  static TopicLayout deadLetters(int partitions) {
    return new TopicLayout(false, partitions, Map.of("cleanup.policy", "delete", "retention.ms", MONTH_MS,
        "message.timestamp.type", ARRIVAL_TIME));
  }

  public int partitions(int sharedPartitions) {
    return coPartitioned ? sharedPartitions : fixedPartitions;
  }

  public String cleanupPolicy() {
    return configs.get("cleanup.policy");
  }
}
