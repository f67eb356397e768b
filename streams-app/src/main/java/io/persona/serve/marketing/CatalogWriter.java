package io.persona.serve.marketing;

import io.persona.config.KafkaClients;
import io.persona.config.PersonaConfig;
import io.persona.topology.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes offers to {@code offer-catalog}, waiting for Kafka's acknowledgement; null retires an offer (tombstone). */
final class CatalogWriter implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 10;

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  CatalogWriter(PersonaConfig config) {
    Map<String, Object> settings = KafkaClients.producer(config);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-catalog-writer");
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
    this.producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    this.topic = config.topics().of(Topics.OFFER_CATALOG);
  }

  /**
   * @param value the offer's Avro single-object bytes, or null to retire it
   * @param timestamp the record's time: the offer's validFrom, as {@code persona produce} sets it
   */
  void write(String offerId, byte[] value, long timestamp) throws TimeoutException {
    try {
      producer.send(new ProducerRecord<>(topic, null, timestamp, offerId, value)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new TimeoutException("Kafka did not take the offer: " + e.getCause().getClass().getSimpleName());
    } catch (KafkaException e) {
      throw new TimeoutException("Kafka did not take the offer: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted");
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
