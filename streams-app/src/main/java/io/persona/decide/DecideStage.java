package io.persona.decide;

import io.persona.config.PersonaConfig;
import io.persona.metrics.AppMetrics;
import io.persona.privacy.Pseudonyms;
import io.persona.profile.Decay;
import io.persona.profile.ProfileUpdate;
import io.persona.topology.StoreNames;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** decide: offers per customer as their profile changes or a timer falls due, with the outcomes learning counts. */
public final class DecideStage {
  private DecideStage() {}

  /** @return the offers (personalized and ad) and their outcomes, for {@code emit} to send in the same transaction */
  public static KStream<String, SpecificRecord> decide(KStream<String, ProfileUpdate> updates, PersonaConfig config,
      OfferViews views, Decay decay, AppMetrics metrics) {
    Function<Decider.Lookups, Decider> deciders = lookups -> Decider.create(config.offers(), decay, views, lookups);
    return updates.process(
        new DecideOffersProcessor.Supplier(config.offers(), config.privacy().consents(), decay, views, deciders,
            pseudonyms(config), config.topicPartitions(), metrics),
        Named.as("decide-offers"), StoreNames.CUSTOMER_PROFILES, StoreNames.CONSENT);
  }

  private static Pseudonyms pseudonyms(PersonaConfig config) {
    String secret = config.privacy().adPseudonymKey();
    return secret.isEmpty() ? null : new Pseudonyms(secret);
  }
}
