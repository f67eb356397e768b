package io.persona.faults;

import io.persona.faults.FaultWorkload.Input;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes the workload at a steady rate on a thread of its own, as tracker and POS systems would while the app is
 * being killed: idempotent and acks=all, so the input itself holds every record exactly once, in order, whatever the
 * broker goes through. Remembers where each malformed record landed, for the dead-letter check.
 */
final class Publisher implements Runnable {
  /** Where a record landed. */
  record Position(String topic, int partition, long offset) {}

  private final String bootstrap;
  private final List<Input> inputs;
  private final double rate;
  private final AtomicInteger published = new AtomicInteger();
  private final Map<Position, Input> pills = new ConcurrentHashMap<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean done;

  Publisher(String bootstrap, List<Input> inputs, double rate) {
    this.bootstrap = bootstrap;
    this.inputs = inputs;
    this.rate = rate;
  }

  @Override
  public void run() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // A broker stopped for 30 s, or killed and restarted, must not fail a send: retry for long enough.
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < inputs.size(); i++) {
        Input input = inputs.get(i);
        long due = start + (long) (i / rate * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        producer.send(new ProducerRecord<>(input.topic(), input.key(), input.value()), (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          } else if (!input.valid()) {
            pills.put(new Position(metadata.topic(), metadata.partition(), metadata.offset()), input);
          }
        });
        published.incrementAndGet();
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    } finally {
      done = true;
    }
  }

  int published() {
    return published.get();
  }

  boolean done() {
    return done;
  }

  /** The first failed send, or null: a failed send would make the oracle wrong, so the run stops on it. */
  Exception failure() {
    return failure.get();
  }

  Map<Position, Input> pills() {
    return Map.copyOf(pills);
  }
}
