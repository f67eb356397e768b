package io.persona.sim;

import io.persona.avro.PersonalizedOffer;
import io.persona.serde.OutputReader;
import io.persona.topology.WholeTopic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The offers customers received, read as they are committed to {@code personalized-offers} (read_committed, like the
 * email service): what closes the simulator's loop. Runs on its own thread until closed.
 */
final class OffersSeen implements ShopperSimulator.ReceivedOffers, AutoCloseable {
  private final Map<String, List<PersonalizedOffer>> byCustomer = new ConcurrentHashMap<>();
  private final Thread reader;
  private volatile boolean running = true;
  private volatile long seen;
  private volatile long expiredBeforeSeen;
  /** The simulated clock: the event time of the traffic being published now. */
  private volatile Instant now = Instant.EPOCH;

  private final Instant since;
  /** Avro or JSON, whichever output.format the app writes; the simulator knows no registry. */
  private final OutputReader<PersonalizedOffer> offers = new OutputReader<>(PersonalizedOffer.class, null);

  OffersSeen(Map<String, Object> consumerSettings, String topic, Instant since) {
    this.since = since;
    reader = new Thread(() -> read(consumerSettings, topic), "offers-seen");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public List<String> validAt(String customerId, Instant at) {
    List<String> valid = new ArrayList<>();
    for (PersonalizedOffer offer : byCustomer.getOrDefault(customerId, List.of())) {
      if (!at.isBefore(offer.getCreatedAt()) && !at.isAfter(offer.getExpiresAt())) {
        valid.add(offer.getOfferId());
      }
    }
    return valid;
  }

  long seen() {
    return seen;
  }

  long expiredBeforeSeen() {
    return expiredBeforeSeen;
  }

  void clock(Instant eventTime) {
    now = eventTime;
  }

  private void read(Map<String, Object> consumerSettings, String topic) {
    Map<String, Object> settings = new HashMap<>(consumerSettings);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = WholeTopic.assign(consumer, topic);
      consumer.seekToBeginning(partitions);
      while (running) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
          PersonalizedOffer offer = offers.deserialize(record.topic(), record.headers(), record.value());
          if (offer.getCreatedAt().isBefore(since)) {
            return;
          }
          byCustomer.computeIfAbsent(offer.getCustomerId(), c -> new CopyOnWriteArrayList<>()).add(offer);
          seen++;
          if (now.isAfter(offer.getExpiresAt())) { // the app ran so far behind that the shopper never held it
            expiredBeforeSeen++;
          }
        });
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    reader.join(5_000);
  }
}
