package io.persona.bench;

import io.persona.avro.Channel;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKind;
import io.persona.avro.OfferTrigger;
import io.persona.avro.PersonalizedOffer;
import io.persona.cli.GroupProgress;
import io.persona.config.PersonaConfig;
import io.persona.topology.Topics;
import io.persona.topology.WholeTopic;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What a user feels, under open-loop live traffic (each event stamped with the wall clock as it is published). First
 * a ramp of rates finds the highest the engine sustains live: its lag, every record its group has not committed
 * past (inputs and repartition), stays bounded. Then, after a warm-up, at half that rate: click-to-offer
 * (interest-spike offers) and basket-to-offer (post-purchase offers) latency, timed at a read_committed consumer
 * (what an email service sees) from the triggering event's time (the offer's {@code createdAt}), with the engine's
 * commit latency and the partitions its transactions write.
 */
final class LatencyBench {
  record Step(double rate, long lastLag, long maxLag, boolean sustained) {}

  record Result(List<Step> ramp, double sustainedRate, double rate, Duration measured, Histogram clicks,
      Histogram baskets, double commitAvgMs, double commitMaxMs, Histogram partitionsPerCommit) {}

  /** A step is sustained when, in its second half, the lag never exceeds this many seconds of its traffic. */
  static final double LAG_BOUND_SECONDS = 1.0;

  private final String bootstrapServers;
  private final int customers;
  private final long seed;

  LatencyBench(String bootstrapServers, int customers, long seed) {
    this.bootstrapServers = bootstrapServers;
    this.customers = customers;
    this.seed = seed;
  }

  /** Runs {@code plan}: its ramp stops at the first rate not sustained. */
  Result run(PersonaConfig config, LatencyPlan plan, PrintStream out) throws Exception {
    List<Double> rates = plan.rates();
    Duration warmUp = plan.warmUp();
    Duration measure = plan.measure();
    publishCatalog();
    Histogram clicks = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    Histogram baskets = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    Histogram partitions = new Histogram(100_000, 3);
    long[] window = {Long.MAX_VALUE, Long.MAX_VALUE}; // wall-clock millis: offers triggered within are measured
    AtomicBoolean running = new AtomicBoolean(true);
    BenchTraffic traffic = new BenchTraffic(seed + 1, customers);
    // a new group starts at the live end of the inputs, not at the throughput runs' backlog
    try (EngineRun app = new EngineRun(config, props -> {
          props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest");
          return props;
        }, true);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        KafkaProducer<String, byte[]> producer = producer()) {
      app.engine.start();
      while (app.engine.state() != KafkaStreams.State.RUNNING) {
        Thread.sleep(50);
      }
      out.printf("latency: warming the engine up at %,.0f events/s for %d s ...%n", rates.get(0), warmUp.toSeconds());
      publish(producer, traffic, rates.get(0), warmUp, () -> { });
      drain(admin, config.applicationId());
      List<Step> ramp = new ArrayList<>();
      double sustained = 0;
      for (double rate : rates) {
        Step result = step(app, admin, producer, traffic, config.applicationId(), rate, plan.step());
        ramp.add(result);
        out.printf("latency ramp: %,.0f events/s: lag at the end %,d, at most %,d in the second half: %s%n", rate,
            result.lastLag(), result.maxLag(), result.sustained() ? "sustained" : "NOT sustained");
        if (!result.sustained()) {
          break;
        }
        sustained = rate;
        drain(admin, config.applicationId());
      }
      drain(admin, config.applicationId());
      double rate = plan.fixedRate() > 0 ? plan.fixedRate() : Math.max(sustained, rates.get(0)) / 2;
      out.printf("latency: publishing at %,.0f events/s, %d s to warm up, then %d s measured ...%n", rate,
          warmUp.toSeconds(), measure.toSeconds());
      window[0] = System.currentTimeMillis() + warmUp.toMillis();
      window[1] = window[0] + measure.toMillis();
      Thread reader = new Thread(() -> read(clicks, baskets, window, running), "latency-reader");
      reader.start();
      Thread commits = new Thread(() -> countPartitions(app.engine, partitions, window, running), "commit-sampler");
      commits.start();
      publish(producer, traffic, rate, warmUp.plus(measure), () -> { });
      double commitAvg = metric(app.engine, "commit-latency-avg");
      double commitMax = metric(app.engine, "commit-latency-max");
      Thread.sleep(10_000); // the offers of the window's last events are still on their way
      running.set(false);
      reader.join();
      commits.join();
      return new Result(ramp, sustained, rate, measure, clicks, baskets, commitAvg, commitMax, partitions);
    }
  }

  /** Publishes at {@code rate} for {@code duration}, sampling the engine's lag once a second. */
  private Step step(EngineRun app, Admin admin, KafkaProducer<String, byte[]> producer, BenchTraffic traffic,
      String groupId, double rate, Duration duration) throws Exception {
    List<Long> lags = new ArrayList<>();
    long start = System.nanoTime();
    long[] nextSample = {start + 1_000_000_000L};
    publish(producer, traffic, rate, duration, () -> {
      if (System.nanoTime() >= nextSample[0]) {
        nextSample[0] += 1_000_000_000L;
        lags.add(lag(admin, groupId));
      }
    });
    lags.add(lag(admin, groupId));
    long maxLag = lags.subList(lags.size() / 2, lags.size()).stream().mapToLong(Long::longValue).max().orElse(0);
    long lastLag = lags.get(lags.size() - 1);
    boolean sustained = app.engine.state() == KafkaStreams.State.RUNNING && maxLag <= rate * LAG_BOUND_SECONDS;
    return new Step(rate, lastLag, maxLag, sustained);
  }

  private static long lag(Admin admin, String groupId) {
    try {
      return GroupProgress.unsettled(admin, groupId, topic -> topic.endsWith("-repartition"));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the engine's lag", e);
    }
  }

  /** Lets the engine catch up between steps (at most 60 s), so each step starts from no backlog. */
  private static void drain(Admin admin, String groupId) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (lag(admin, groupId) > 100 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
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
  private static void publish(KafkaProducer<String, byte[]> producer, BenchTraffic traffic, double rate,
      Duration duration, Runnable between) {
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long[] sent = {0};
    while (System.nanoTime() < end) {
      traffic.generate(1_000, click -> {
        pace(start, sent[0]++, rate);
        click.setEventTime(Instant.now());
        producer.send(new ProducerRecord<>(Topics.CLICKSTREAM.name(), Topics.CLICKSTREAM.keyOf(click),
            Topics.CLICKSTREAM.valueSerde().encode(click)));
      }, basket -> {
        pace(start, sent[0]++, rate);
        basket.setEventTime(Instant.now());
        producer.send(new ProducerRecord<>(Topics.POS_TRANSACTIONS.name(), basket.getCustomerId(),
            Topics.POS_TRANSACTIONS.valueSerde().encode(basket)));
      });
      between.run();
    }
  }

  private static void pace(long start, long n, double rate) {
    LockSupport.parkNanos(start + (long) (n * 1e9 / rate) - System.nanoTime());
  }

  private void read(Histogram clicks, Histogram baskets, long[] window, AtomicBoolean running) {
    String topic = Topics.PERSONALIZED_OFFERS.name();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        // an email service that wants offers within milliseconds does the same (see the README)
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = WholeTopic.assign(consumer, topic);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      while (running.get()) {
        consumer.poll(Duration.ofMillis(20)).forEach(record -> {
          long arrived = System.currentTimeMillis();
          PersonalizedOffer offer = Topics.PERSONALIZED_OFFERS.valueSerde().decode(record.value());
          long triggered = offer.getCreatedAt().toEpochMilli();
          if (triggered >= window[0] && triggered < window[1]) {
            Histogram into = offer.getTrigger() == OfferTrigger.POST_PURCHASE ? baskets
                : offer.getTrigger() == OfferTrigger.INTEREST_SPIKE ? clicks : null;
            if (into != null) {
              into.recordValue(Math.max(0, arrived - triggered));
            }
          }
        });
      }
    }
  }

  /** At each commit the engine's thread reports (its commit-total rising), the partitions written since the last. */
  private static void countPartitions(KafkaStreams engine, Histogram partitions, long[] window,
      AtomicBoolean running) {
    // The metric itself, looked up once: KafkaStreams.metrics() copies thousands of metrics into a new map, which
    // every 2 ms took a third of a core from the engine it measures.
    Metric commits = threadMetric(engine, "commit-total");
    double seen = valueOf(commits);
    TransactionPartitions.takeWritten();
    while (running.get()) {
      LockSupport.parkNanos(2_000_000);
      double now = valueOf(commits);
      if (now > seen) {
        seen = now;
        int written = TransactionPartitions.takeWritten();
        long wall = System.currentTimeMillis();
        if (wall >= window[0] && wall < window[1] && written > 0) {
          partitions.recordValue(written);
        }
      }
    }
  }

  /** A stream-thread metric of the engine (one thread), or NaN. */
  private static double metric(KafkaStreams streams, String name) {
    return valueOf(threadMetric(streams, name));
  }

  private static Metric threadMetric(KafkaStreams streams, String name) {
    for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
      if (entry.getKey().group().equals("stream-thread-metrics") && entry.getKey().name().equals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static double valueOf(Metric metric) {
    Object value = metric == null ? null : metric.metricValue();
    return value instanceof Number number ? number.doubleValue() : Double.NaN;
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new ByteArraySerializer());
  }
}
