package io.persona.cli;

import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.PosTransaction;
import io.persona.replay.Baskets;
import io.persona.replay.TransactionFile;
import io.persona.topology.Topics;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
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
 * Publishes a CSV transaction log as POS baskets, in event-time order: lines grouped by basket id, returns and
 * cancellations as negative quantities, optionally one offer per product first.
 */
@Command(name = "replay", description = "Publish a CSV transaction log as POS baskets, in event-time order.")
public final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BootstrapOption bootstrap = new BootstrapOption();

  @Mixin TransactionFileOptions source = new TransactionFileOptions();

  @Option(names = "--keep-anonymous", description = "Publish rows without a customer as anonymous baskets "
      + "(default: skip them).")
  boolean keepAnonymous;

  @Option(names = "--from", description = "Publish baskets at or after this event time (default: from the start).")
  Instant from;

  @Option(names = "--until", description = "Publish baskets before this event time only (default: to the end).")
  Instant until;

  @Option(names = "--speed-up", description = "Event time per wall time, e.g. 86400 replays a day per second; "
      + "0 is as fast as possible (default: ${DEFAULT-VALUE}).")
  double speedUp = 0;

  @Option(names = "--catalog", description = "First publish one offer per product to offer-catalog (10% off).")
  boolean catalog;

  @Override
  public Integer call() throws Exception {
    if (speedUp < 0) {
      throw new CliException("--speed-up must be >= 0");
    }
    PrintWriter err = spec.commandLine().getErr();
    TransactionFile read = source.read(keepAnonymous);
    List<PosTransaction> baskets = Baskets.of(read.lines()).stream()
        .filter(b -> (from == null || !b.getEventTime().isBefore(from))
            && (until == null || b.getEventTime().isBefore(until)))
        .toList();
    err.printf("read %,d lines of %s into %,d baskets to publish%s%n", read.lines().size(), source.file.getFileName(),
        baskets.size(), until == null ? "" : " (before " + until + ")");
    read.skipped().forEach((reason, count) -> err.printf("  skipped %,d rows: %s%n", count, reason));
    Map<String, Object> props = bootstrap.producer(Map.of(
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 10));
    long begun = System.nanoTime();
    long returns = 0;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      if (catalog) {
        List<OfferCatalogEntry> offers = Baskets.catalog(read.lines());
        for (OfferCatalogEntry offer : offers) {
          producer.send(new ProducerRecord<>(bootstrap.topics().of(Topics.OFFER_CATALOG), offer.getOfferId(),
              Topics.OFFER_CATALOG.valueSerde().encode(offer)));
        }
        producer.flush();
        err.printf("published %,d offers, one per product%n", offers.size());
      }
      Instant first = baskets.isEmpty() ? null : baskets.get(0).getEventTime();
      String basketTopic = bootstrap.topics().of(Topics.POS_TRANSACTIONS);
      long lastReport = begun;
      for (int i = 0; i < baskets.size(); i++) {
        PosTransaction basket = baskets.get(i);
        if (speedUp > 0) {
          long due = begun + (long) ((basket.getEventTime().toEpochMilli() - first.toEpochMilli()) * 1e6 / speedUp);
          LockSupport.parkNanos(due - System.nanoTime());
        }
        producer.send(new ProducerRecord<>(basketTopic, basket.getCustomerId(),
            Topics.POS_TRANSACTIONS.valueSerde().encode(basket)));
        if (basket.getLineItems().stream().anyMatch(l -> l.getQuantity() < 0)) {
          returns++;
        }
        long now = System.nanoTime();
        if (now - lastReport > 500_000_000L) {
          lastReport = now;
          err.printf("\r  %,d of %,d baskets, event time %s", i + 1, baskets.size(), basket.getEventTime());
          err.flush();
        }
      }
      producer.flush();
    }
    double seconds = (System.nanoTime() - begun) / 1e9;
    err.printf("%npublished %,d baskets (%,d with returns or cancellations) of %,d customers in %.1f s%n",
        baskets.size(), returns, baskets.stream().map(PosTransaction::getCustomerId).distinct().count(), seconds);
    err.flush();
    return 0;
  }
}
