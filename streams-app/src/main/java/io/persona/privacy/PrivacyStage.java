package io.persona.privacy;

import io.persona.avro.ConsentChange;
import io.persona.avro.ErasureRequest;
import io.persona.config.PersonaConfig;
import io.persona.identity.IdentityStage;
import io.persona.ingest.EventTimeExtractor;
import io.persona.topology.CustomerPartitions;
import io.persona.topology.StoreCatalog;
import io.persona.topology.Topic;
import io.persona.topology.Topics;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** privacy: consent as customers give and withdraw it, and erasure on request or after too long without activity. */
public final class PrivacyStage {
  private PrivacyStage() {}

  /** Consent per customer and channel; its records carry composite keys but sit in the customer's partition. */
  public static void recordConsent(StreamsBuilder builder, PersonaConfig config) {
    Topic<ConsentChange> consent = Topics.CONSENT_CHANGES;
    builder.stream(config.topics().of(consent), Consumed.with(Serdes.String(), consent.valueSerde())
            .withName("consent-changes-source"))
        .process(new RecordConsentProcessor.Supplier(config.events()), Named.as("record-consent"));
  }

  /**
   * Every store of the customer's task (the profile's tombstone reaches {@code customer-profiles} through its
   * changelog), tombstones for consent, the links in identity-store (owned by the anonymous ids' tasks) and a receipt.
   */
  public static void erase(StreamsBuilder builder, PersonaConfig config, EventTimeExtractor eventTime) {
    Topic<ErasureRequest> requests = Topics.ERASURE_REQUESTS;
    KStream<String, ErasureStep> steps = builder.stream(config.topics().of(requests),
            Consumed.with(Serdes.String(), requests.valueSerde()).withTimestampExtractor(eventTime)
                .withName("erasure-requests-source"))
        .process(() -> new EraseCustomerProcessor(config.offers(), config.privacy().inactiveRetention(),
                config.expiryScanInterval()), Named.as("erase-customer"), StoreCatalog.holdingCustomers());
    Topic<ConsentChange> consent = Topics.CONSENT_CHANGES;
    steps.filter((key, step) -> step instanceof ErasureStep.Tombstone t && t.topic().equals(consent.name()),
            Named.as("keep-consent-tombstones"))
        .mapValues(step -> (ConsentChange) null, Named.as("as-consent-tombstones"))
        .to(config.topics().of(consent), Produced.with(Serdes.String(), consent.valueSerde())
            .withStreamPartitioner((topic, key, value, partitions) ->
                Optional.of(Set.of(CustomerPartitions.of(CustomerPartitions.customerOf(key), partitions))))
            .withName("erased-consent-changes-sink"));
    IdentityStage.unlink(steps.filter((key, step) -> step instanceof ErasureStep.Unlink, Named.as("keep-unlinks"))
        .mapValues(step -> ((ErasureStep.Unlink) step).customerId(), Named.as("as-unlinks")), config);
    steps.filter((key, step) -> step instanceof ErasureStep.Receipt, Named.as("keep-receipts"))
        .mapValues(step -> ((ErasureStep.Receipt) step).receipt(), Named.as("as-receipts"))
        .to(config.topics().of(Topics.ERASURE_RECEIPTS), Produced.with(Serdes.String(),
            Topics.ERASURE_RECEIPTS.valueSerde()).withName("erasure-receipts-sink"));
  }
}
