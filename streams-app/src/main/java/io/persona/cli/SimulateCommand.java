package io.persona.cli;

import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.ConsentChange;
import io.persona.sim.ShopperSimulator;
import io.persona.topology.CustomerPartitions;
import io.persona.topology.Topics;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
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

/** Publishes a simulated shop: its offer catalog, then web and POS traffic over some days of event time. */
@Command(name = "simulate", description = "Publish a deterministic simulated shop: catalog, web clicks, POS baskets.")
public final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BootstrapOption bootstrap = new BootstrapOption();

  @Option(names = "--customers", description = "Customers (default: ${DEFAULT-VALUE}).")
  int customers = 300;

  @Option(names = "--days", description = "Days of event time (default: ${DEFAULT-VALUE}).")
  int days = 21;

  @Option(names = "--seed", description = "Same seed, same traffic (default: ${DEFAULT-VALUE}).")
  long seed = 7;

  @Option(names = "--start", description = "Event time of the first day (default: ${DEFAULT-VALUE}).")
  Instant start = Instant.parse("2026-03-01T00:00:00Z");

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Object> props = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.resolve(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5);
    long[] counts = new long[3];
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (OfferCatalogEntry offer : ShopperSimulator.catalog(start.minusSeconds(86_400))) {
        producer.send(new ProducerRecord<>(Topics.OFFER_CATALOG.name(), offer.getOfferId(),
            Topics.OFFER_CATALOG.valueSerde().encode(offer)));
      }
      producer.flush();
      int consentPartitions = producer.partitionsFor(Topics.CONSENT_CHANGES.name()).size();
      new ShopperSimulator(seed, customers, start).generate(days, event -> {
        if (event.click() != null) {
          producer.send(new ProducerRecord<>(Topics.CLICKSTREAM.name(), event.click().getAnonymousId(),
              Topics.CLICKSTREAM.valueSerde().encode(event.click())));
          counts[0]++;
        } else if (event.consent() != null) {
          ConsentChange consent = event.consent();
          producer.send(new ProducerRecord<>(Topics.CONSENT_CHANGES.name(),
              CustomerPartitions.of(consent.getCustomerId(), consentPartitions),
              CustomerPartitions.consentKey(consent.getCustomerId(), consent.getChannel()),
              Topics.CONSENT_CHANGES.valueSerde().encode(consent)));
          counts[2]++;
        } else {
          producer.send(new ProducerRecord<>(Topics.POS_TRANSACTIONS.name(), event.basket().getCustomerId(),
              Topics.POS_TRANSACTIONS.valueSerde().encode(event.basket())));
          counts[1]++;
        }
      });
      producer.flush();
    }
    err.printf("published %d offers, %d consent changes, %d clicks and %d baskets of %d customers over %d days%n",
        ShopperSimulator.catalog(start).size(), counts[2], counts[0], counts[1], customers, days);
    err.flush();
    return 0;
  }
}
