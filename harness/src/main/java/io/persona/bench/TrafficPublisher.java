package io.persona.bench;

import io.persona.topology.Topics;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the traffic the throughput runs read, as fast as the broker takes it: a warm-up, then the timed events,
 * counting the records each left in the sources.
 */
final class TrafficPublisher {
  private final String bootstrapServers;
  private final DrainClock clock;

  TrafficPublisher(String bootstrapServers, DrainClock clock) {
    this.bootstrapServers = bootstrapServers;
    this.clock = clock;
  }

  /** @param traffic continues from the warm-up into the timed events, so that they reach the profiles it made */
  PublishedInput publish(BenchTraffic traffic, long warmUpEvents, long events, PrintStream out)
      throws ExecutionException, InterruptedException {
    out.printf("publishing %,d warm-up events (profiles exist before the timing starts) ...%n", warmUpEvents);
    publish(traffic, warmUpEvents, out);
    Map<TopicPartition, Long> warmedAt = clock.endOffsets(PublishedInput.SOURCES);
    long warmUp = sum(warmedAt);
    double seconds = publish(traffic, events, out);
    long timed = sum(clock.endOffsets(PublishedInput.SOURCES)) - warmUp;
    out.printf("input: %,d timed records in clickstream and pos-transactions after %,d warm-up records (published"
        + " %,d in %.1f s: %,.0f/s)%n", timed, warmUp, events, seconds, events / seconds);
    return new PublishedInput(warmedAt, warmUp, timed);
  }

  private static long sum(Map<?, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  /** @return the seconds until every event was acknowledged and the producer closed */
  private double publish(BenchTraffic traffic, long count, PrintStream out) {
    Map<String, Object> props = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    AtomicLong sent = new AtomicLong();
    long start = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      traffic.generate(count,
          click -> send(producer, Topics.CLICKSTREAM.name(), Topics.CLICKSTREAM.keyOf(click),
              Topics.CLICKSTREAM.valueSerde().encode(click), sent, count, out),
          basket -> send(producer, Topics.POS_TRANSACTIONS.name(), basket.getCustomerId(),
              Topics.POS_TRANSACTIONS.valueSerde().encode(basket), sent, count, out));
      producer.flush();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value,
      AtomicLong sent, long total, PrintStream out) {
    producer.send(new ProducerRecord<>(topic, key, value));
    long count = sent.incrementAndGet();
    if (count % Math.max(1, total / 5) == 0) {
      out.printf("  published %,d / %,d%n", count, total);
    }
  }
}
