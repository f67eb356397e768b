package io.persona.bench;

import io.persona.avro.Channel;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKind;
import io.persona.config.PersonaConfig;
import io.persona.config.StreamsProperties;
import io.persona.topology.PersonaTopology;
import io.persona.topology.Topics;
import io.persona.topology.WholeTopic;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Click-to-offer latency of the whole app under a steady open-loop load: events stamped with the wall clock as they
 * are published, offers timed at their arrival at a read_committed consumer (what an email service sees), from the
 * triggering event's time (the offer's {@code createdAt}). Offers that fire at once are measured: post-purchase
 * (a basket) and interest spikes (a click).
 */
final class LatencyBench {
  record Result(double rate, Duration measured, long offers, Histogram millis) {}

  private final String bootstrapServers;
  private final int customers;
  private final long seed;

  LatencyBench(String bootstrapServers, int customers, long seed) {
    this.bootstrapServers = bootstrapServers;
    this.customers = customers;
    this.seed = seed;
  }

  Result run(PersonaConfig config, double rate, Duration warmUp, Duration measure, PrintStream out) throws Exception {
    publishCatalog();
    Properties props = StreamsProperties.of(config);
    // a new group starts at the live end of the inputs, not at the throughput runs' backlog
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest");
    Histogram histogram = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    long[] window = {Long.MAX_VALUE, Long.MAX_VALUE}; // wall-clock millis: offers triggered within are measured
    AtomicBoolean running = new AtomicBoolean(true);
    long[] offers = {0};
    try (KafkaStreams streams = new KafkaStreams(PersonaTopology.build(config), props)) {
      streams.start();
      while (streams.state() != KafkaStreams.State.RUNNING) {
        Thread.sleep(50);
      }
      out.printf("latency: publishing at %,.0f events/s, %d s to warm up, then %d s measured ...%n", rate,
          warmUp.toSeconds(), measure.toSeconds());
      window[0] = System.currentTimeMillis() + warmUp.toMillis();
      window[1] = window[0] + measure.toMillis();
      Thread reader = new Thread(() -> read(histogram, window, running, offers), "latency-reader");
      reader.start();
      publish(rate, warmUp.plus(measure));
      Thread.sleep(10_000); // the offers of the window's last events are still on their way
      running.set(false);
      reader.join();
    }
    return new Result(rate, measure, offers[0], histogram);
  }

  /** One offer per bench category, on the channels the immediate triggers use. */
  private void publishCatalog() {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int c = 0; c < BenchTraffic.CATEGORIES; c++) {
        OfferCatalogEntry offer = OfferCatalogEntry.newBuilder().setOfferId("o-bench-" + c)
            .setName("10% off category " + c).setKind(OfferKind.PERCENT_OFF).setTargetCategory("category-" + c)
            .setDiscountValue(10).setValidFrom(Instant.EPOCH)
            .setAllowedChannels(List.of(Channel.POS, Channel.PUSH, Channel.EMAIL)).build();
        producer.send(new ProducerRecord<>(Topics.OFFER_CATALOG.name(), offer.getOfferId(),
            Topics.OFFER_CATALOG.valueSerde().encode(offer)));
      }
    }
  }

  /** Open loop: event n is due at start + n / rate, stamped with the wall clock when it goes. */
  private void publish(double rate, Duration duration) {
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long[] sent = {0};
    try (KafkaProducer<String, byte[]> producer = producer()) {
      BenchTraffic traffic = new BenchTraffic(seed + 1, customers);
      while (System.nanoTime() < end) {
        traffic.generate(1_000, click -> {
          pace(start, sent[0]++, rate);
          click.setEventTime(Instant.now());
          producer.send(new ProducerRecord<>(Topics.CLICKSTREAM.name(), click.getAnonymousId(),
              Topics.CLICKSTREAM.valueSerde().encode(click)));
        }, basket -> {
          pace(start, sent[0]++, rate);
          basket.setEventTime(Instant.now());
          producer.send(new ProducerRecord<>(Topics.POS_TRANSACTIONS.name(), basket.getCustomerId(),
              Topics.POS_TRANSACTIONS.valueSerde().encode(basket)));
        });
      }
    }
  }

  private static void pace(long start, long n, double rate) {
    LockSupport.parkNanos(start + (long) (n * 1e9 / rate) - System.nanoTime());
  }

  private void read(Histogram histogram, long[] window, AtomicBoolean running, long[] offers) {
    String topic = Topics.PERSONALIZED_OFFERS.name();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = WholeTopic.assign(consumer, topic);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      while (running.get()) {
        consumer.poll(Duration.ofMillis(50)).forEach(record -> {
          long arrived = System.currentTimeMillis();
          long triggered = Topics.PERSONALIZED_OFFERS.valueSerde().decode(record.value()).getCreatedAt().toEpochMilli();
          if (triggered >= window[0] && triggered < window[1]) {
            histogram.recordValue(Math.max(0, arrived - triggered));
            offers[0]++;
          }
        });
      }
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new ByteArraySerializer());
  }
}
