package io.persona.bench;

import io.persona.topology.WholeTopic;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Times a Streams app from RUNNING until its consumer group has committed every source topic to its end. A
 * transactional source (a repartition topic) ends with a commit marker that offsets never pass, so one offset of
 * slack is allowed there.
 */
final class DrainClock {
  private static final Duration POLL = Duration.ofMillis(100);

  private final Admin admin;

  DrainClock(Admin admin) {
    this.admin = admin;
  }

  /**
   * Starts {@code streams} and returns the seconds from the moment its group has committed {@code warmedAt} (the end
   * of the warm-up traffic; RUNNING when empty) to drained.
   */
  double time(KafkaStreams streams, String groupId, Collection<String> plainTopics,
      Collection<String> transactionalTopics, Map<TopicPartition, Long> warmedAt) throws Exception {
    streams.start();
    while (streams.state() != KafkaStreams.State.RUNNING || !reached(groupId, warmedAt)) {
      Thread.sleep(POLL.toMillis());
    }
    long start = System.nanoTime();
    while (!drained(groupId, plainTopics, 0) || !drained(groupId, transactionalTopics, 1)) {
      Thread.sleep(POLL.toMillis());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private boolean reached(String groupId, Map<TopicPartition, Long> offsets)
      throws ExecutionException, InterruptedException {
    if (offsets.isEmpty()) {
      return true;
    }
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    return offsets.entrySet().stream().allMatch(target -> target.getValue() == 0
        || (committed.get(target.getKey()) != null && committed.get(target.getKey()).offset() >= target.getValue()));
  }

  private boolean drained(String groupId, Collection<String> topics, long slack)
      throws ExecutionException, InterruptedException {
    if (topics.isEmpty()) {
      return true;
    }
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    for (var end : endOffsets(topics).entrySet()) {
      long target = end.getValue();
      OffsetAndMetadata done = committed.get(end.getKey());
      if (target > 0 && (done == null || done.offset() < target - slack)) {
        return false;
      }
    }
    return true;
  }

  /** The read_committed end offset of every partition of {@code topics}. */
  Map<TopicPartition, Long> endOffsets(Collection<String> topics) throws ExecutionException, InterruptedException {
    return WholeTopic.endOffsets(admin, topics, IsolationLevel.READ_COMMITTED);
  }
}
