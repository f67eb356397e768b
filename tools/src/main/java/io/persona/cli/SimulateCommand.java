package io.persona.cli;

import io.persona.avro.ConsentChange;
import io.persona.avro.OfferCatalogEntry;
import io.persona.sim.ShopperSimulator;
import io.persona.sim.SimulatedTraffic;
import io.persona.topology.CustomerPartitions;
import io.persona.topology.TopicNames;
import io.persona.topology.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Publishes a simulated shop: its offer catalog, consents, then web and POS traffic over some days of event time,
 * open-loop at a target rate (events are due at fixed times whatever the broker's pace), with progress.
 */
@Command(name = "simulate", description = "Publish a deterministic simulated shop: catalog, consents, web clicks, POS baskets.")
public final class SimulateCommand implements Callable<Integer> {
  private static final int BAR_WIDTH = 30;
  @Spec CommandSpec spec;
  @Mixin BootstrapOption bootstrap = new BootstrapOption();

  @Option(names = "--customers", description = "Customers (default: ${DEFAULT-VALUE}).")
  int customers = 300;

  @Option(names = "--days", description = "Days of event time (default: ${DEFAULT-VALUE}).")
  int days = 21;

  @Option(names = "--first-customer", description = "Number of the first customer (c-N), so that a second shop "
      + "on the same broker has other customers (default: ${DEFAULT-VALUE}).")
  int firstCustomer = 0;

  @Option(names = "--seed", description = "Same seed, same traffic (default: ${DEFAULT-VALUE}).")
  long seed = 7;

  @Option(names = "--start", description = "Event time of the first day (default: ${DEFAULT-VALUE}).")
  Instant start = Instant.parse("2026-03-01T00:00:00Z");

  @Option(names = "--rate", description = "Events per second to publish, open loop; 0 for as fast as possible "
      + "(default: ${DEFAULT-VALUE}).")
  double rate = 0;

  @Option(names = "--closed-loop", description = "Shoppers redeem only offers they received on personalized-offers "
      + "(the app must be running); otherwise some baskets carry an offer of their category whatever was sent.")
  boolean closedLoop;

  /** One line, redrawn in place: how far through the simulated days, how fast, and what the shoppers received. */
  private void progress(PrintWriter err, Instant eventTime, long published, double seconds, SimulatedTraffic traffic) {
    double done = Math.max(0, Math.min(1, Duration.between(start, eventTime).toSeconds() / (days * 86_400.0)));
    int filled = (int) Math.round(done * BAR_WIDTH);
    err.printf("\r  [%s%s] %3.0f%%  day %d/%d  %,d events  %,.0f/s%s", "#".repeat(filled),
        ".".repeat(BAR_WIDTH - filled), done * 100, Math.min(days, (int) (done * days) + 1), days, published,
        published / seconds, closedLoop ? String.format("  offers received %,d (%,d too late)", traffic.offersSeen(),
            traffic.offersSeenTooLate()) : "");
    err.flush();
  }

  @Override
  public Integer call() throws Exception {
    if (rate < 0 || customers < 1 || days < 1 || firstCustomer < 0) {
      throw new CliException("--rate must be >= 0, --customers and --days >= 1, --first-customer >= 0");
    }
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Object> props = bootstrap.producer(Map.of(
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5));
    TopicNames names = bootstrap.topics();
    long[] counts = new long[3];
    long begun = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        SimulatedTraffic traffic = SimulatedTraffic.of(seed, firstCustomer, customers, start,
            closedLoop ? bootstrap.consumer(Map.of()) : null, names.of(Topics.PERSONALIZED_OFFERS))) {
      for (OfferCatalogEntry offer : ShopperSimulator.catalog(start.minusSeconds(86_400))) {
        producer.send(new ProducerRecord<>(names.of(Topics.OFFER_CATALOG), offer.getOfferId(),
            Topics.OFFER_CATALOG.valueSerde().encode(offer)));
      }
      producer.flush();
      int consentPartitions = producer.partitionsFor(names.of(Topics.CONSENT_CHANGES)).size();
      long[] lastReport = {begun};
      traffic.simulator().generate(days, event -> {
        long sent = counts[0] + counts[1] + counts[2];
        traffic.clock(event.time());
        if (rate > 0) {
          long due = begun + (long) (sent * 1e9 / rate);
          LockSupport.parkNanos(due - System.nanoTime());
        }
        if (event.click() != null) {
          producer.send(new ProducerRecord<>(names.of(Topics.CLICKSTREAM), Topics.CLICKSTREAM.keyOf(event.click()),
              Topics.CLICKSTREAM.valueSerde().encode(event.click())));
          counts[0]++;
        } else if (event.consent() != null) {
          ConsentChange consent = event.consent();
          producer.send(new ProducerRecord<>(names.of(Topics.CONSENT_CHANGES),
              CustomerPartitions.of(consent.getCustomerId(), consentPartitions),
              CustomerPartitions.consentKey(consent.getCustomerId(), consent.getChannel()),
              Topics.CONSENT_CHANGES.valueSerde().encode(consent)));
          counts[2]++;
        } else {
          producer.send(new ProducerRecord<>(names.of(Topics.POS_TRANSACTIONS), event.basket().getCustomerId(),
              Topics.POS_TRANSACTIONS.valueSerde().encode(event.basket())));
          counts[1]++;
        }
        long now = System.nanoTime();
        if (now - lastReport[0] > 500_000_000L) {
          lastReport[0] = now;
          progress(err, event.time(), sent + 1, (now - begun) / 1e9, traffic);
        }
      });
      producer.flush();
      progress(err, start.plus(Duration.ofDays(days)), counts[0] + counts[1] + counts[2],
          (System.nanoTime() - begun) / 1e9, traffic);
    }
    double seconds = (System.nanoTime() - begun) / 1e9;
    long total = counts[0] + counts[1] + counts[2];
    err.printf("%npublished %d offers, %d consent changes, %d clicks and %d baskets of %d customers over %d days "
            + "in %.1f s (%,.0f events/s)%n", ShopperSimulator.catalog(start).size(), counts[2], counts[0], counts[1],
        customers, days, seconds, total / seconds);
    err.flush();
    return 0;
  }
}
