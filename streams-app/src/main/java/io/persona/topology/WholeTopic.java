package io.persona.topology;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Every partition of a topic assigned to a plain consumer that reads all of it: the marketer page and the tools. */
public final class WholeTopic {
  private static final Duration POLL = Duration.ofMillis(200);

  private WholeTopic() {}

  /** Assigns every partition of {@code topic} to {@code consumer}; returns them. */
  public static List<TopicPartition> assign(Consumer<?, ?> consumer, String topic) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    return partitions;
  }

  /**
   * Hands every record of {@code topic}, from the beginning up to the end offsets as they are now (as the consumer's
   * isolation level sees them), to {@code each}.
   */
  public static <K, V> void readToEnd(Consumer<K, V> consumer, String topic,
      java.util.function.Consumer<ConsumerRecord<K, V>> each) {
    List<TopicPartition> partitions = assign(consumer, topic);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      consumer.poll(POLL).forEach(each);
    }
  }

  /** The end offset of every partition of {@code topics}, as a consumer of {@code isolation} sees it. */
  public static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> topics, IsolationLevel isolation)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (var description : admin.describeTopics(List.copyOf(topics)).allTopicNames().get().values()) {
      description.partitions().forEach(p -> latest.put(new TopicPartition(description.name(), p.partition()),
          OffsetSpec.latest()));
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get()
        .forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }
}
