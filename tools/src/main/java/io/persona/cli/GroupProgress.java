package io.persona.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group (an app) is from having committed everything it reads: for the tools, not the app. */
public final class GroupProgress {
  private GroupProgress() {}

  /**
   * Records of the partitions {@code groupId} has committed offsets for that it has not committed past. A topic
   * written in transactions (a repartition topic under exactly-once) ends with a commit marker that offsets never
   * pass: one offset of slack there.
   */
  public static long unsettled(Admin admin, String groupId, Predicate<String> transactionalTopic)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
    long behind = 0;
    for (var end : admin.listOffsets(latest).all().get().entrySet()) {
      long slack = transactionalTopic.test(end.getKey().topic()) ? 1 : 0;
      behind += Math.max(0, end.getValue().offset() - committed.get(end.getKey()).offset() - slack);
    }
    return behind;
  }
}
