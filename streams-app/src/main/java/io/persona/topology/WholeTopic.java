package io.persona.topology;

import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** Every partition of a topic assigned to a plain consumer that reads all of it (the tools, not the app). */
public final class WholeTopic {
  private WholeTopic() {}

  /** Assigns every partition of {@code topic} to {@code consumer}; returns them. */
  public static List<TopicPartition> assign(Consumer<?, ?> consumer, String topic) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    return partitions;
  }
}
