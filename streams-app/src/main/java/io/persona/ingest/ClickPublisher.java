package io.persona.ingest;

import io.persona.avro.ClickEvent;
import io.persona.config.KafkaClients;
import io.persona.config.PersonaConfig;
import io.persona.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes collected clicks to {@code clickstream} with an idempotent producer ({@code acks=all}) and returns only
 * once Kafka has acknowledged every one: the collector says 202 after that, and never before.
 */
final class ClickPublisher implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final long ackTimeoutMillis;

  ClickPublisher(PersonaConfig config, Duration ackTimeout) {
    Map<String, Object> settings = KafkaClients.producer(config);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-collector");
    // bounded, so that a request waits at most about the ack timeout, also while the broker is away
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ackTimeout.toMillis() / 2);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ackTimeout.toMillis() / 2);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ackTimeout.toMillis());
    this.producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    this.topic = config.topics().of(Topics.CLICKSTREAM);
    this.ackTimeoutMillis = ackTimeout.toMillis();
  }

  /** Sends all, waits for every acknowledgement; throws {@link Unavailable} when any is not acknowledged in time. */
  void publish(List<ClickEvent> clicks) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(clicks.size());
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMillis);
    try {
      for (ClickEvent click : clicks) {
        // without metadata or buffer space, send blocks up to max.block.ms and returns a failed future: stop there
        Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic, null, click.getEventTime().toEpochMilli(),
            Topics.CLICKSTREAM.keyOf(click), Topics.CLICKSTREAM.valueSerde().encode(click)));
        sent.add(ack);
        if (ack.isDone() || System.nanoTime() > deadline) {
          ack.get(0, TimeUnit.NANOSECONDS);
        }
      }
      for (Future<RecordMetadata> ack : sent) {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw new Unavailable(e instanceof ExecutionException ? e.getCause() : e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable(e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** Kafka did not acknowledge the events in time: the client should send them again later. */
  static final class Unavailable extends RuntimeException {
    Unavailable(Throwable cause) {
      super(cause.getClass().getSimpleName(), cause, false, false);
    }
  }
}
