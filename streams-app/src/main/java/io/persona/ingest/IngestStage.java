package io.persona.ingest;

import io.persona.avro.ClickEvent;
import io.persona.avro.PosTransaction;
import io.persona.config.PersonaConfig;
import io.persona.metrics.AppMetrics;
import io.persona.topology.Topic;
import io.persona.topology.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** ingest: the tracker's clicks and the POS baskets, in event time, valid or dead-lettered. */
public final class IngestStage {
  /** Valid clicks, split by their key: the customer's own (logged in), or a device's. */
  public record Clicks(KStream<String, ClickEvent> byCustomer, KStream<String, ClickEvent> byDevice) {}

  private IngestStage() {}

  /** Clicks keyed by their customer lose repeats here, in the transaction that reads them. */
  public static Clicks clicks(StreamsBuilder builder, PersonaConfig config, EventTimeExtractor eventTime,
      AppMetrics metrics) {
    Topic<ClickEvent> clicks = Topics.CLICKSTREAM;
    Map<String, KStream<String, ClickEvent>> byKey = builder.stream(config.topics().of(clicks),
            Consumed.with(Serdes.String(), clicks.valueSerde()).withTimestampExtractor(eventTime)
                .withName("clickstream-source"))
        .processValues(() -> new ValidateProcessor<>(config.events()::check, metrics.deadLetters("validate-click")),
            Named.as("validate-click"))
        .split(Named.as("clicks-"))
        .branch((key, click) -> click.getCustomerId() != null && click.getCustomerId().equals(key),
            Branched.as("keyed-by-customer"))
        .defaultBranch(Branched.as("keyed-by-device"));
    KStream<String, ClickEvent> customerClicks = byKey.get("clicks-keyed-by-customer")
        .process(new DropRepeatedClicksProcessor.Supplier(config.profile()), Named.as("drop-repeated-customer-clicks"));
    return new Clicks(customerClicks, byKey.get("clicks-keyed-by-device"));
  }

  public static KStream<String, PosTransaction> baskets(StreamsBuilder builder, PersonaConfig config,
      EventTimeExtractor eventTime, AppMetrics metrics) {
    Topic<PosTransaction> baskets = Topics.POS_TRANSACTIONS;
    return builder.stream(config.topics().of(baskets), Consumed.with(Serdes.String(), baskets.valueSerde())
            .withTimestampExtractor(eventTime).withName("pos-transactions-source"))
        .processValues(() -> new ValidateProcessor<>(config.events()::check,
            metrics.deadLetters("validate-basket")), Named.as("validate-basket"));
  }
}
