package io.persona.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Counts the partitions a Streams producer writes, as a producer interceptor: what a transaction must add and mark
 * at its commit. {@link #takeWritten()} is called at each observed commit, so each count is one transaction's
 * partitions (an estimate: acknowledgements of the next transaction may arrive before the commit is seen).
 */
public final class TransactionPartitions implements ProducerInterceptor<byte[], byte[]> {
  private static final Set<String> WRITTEN = ConcurrentHashMap.newKeySet();

  /** The partitions written since the last call. */
  static int takeWritten() {
    int written = WRITTEN.size();
    WRITTEN.clear();
    return written;
  }

  @Override
  public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    if (metadata != null && exception == null) {
      WRITTEN.add(metadata.topic() + "-" + metadata.partition());
    }
  }

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
