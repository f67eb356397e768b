package io.persona.topology;

import io.persona.avro.ClickEvent;
import io.persona.avro.PosTransaction;
import io.persona.avro.ProfileDelta;
import io.persona.config.PersonaConfig;
import io.persona.identity.IdentityResolver;
import io.persona.processors.ResolveIdentityProcessor;
import io.persona.processors.UpdateProfileProcessor;
import io.persona.processors.ValidateProcessor;
import io.persona.profile.ProfileChange;
import io.persona.serde.AvroSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The whole processing graph: ingest -> identity -> profile.
 *
 * <p>In: {@code clickstream} (anonymous id -> ClickEvent), {@code pos-transactions} (customer id -> PosTransaction).
 * Out: {@code customer-profiles} (customer id -> CustomerProfile), {@code dead-letter}. Stores: {@code identity-store},
 * {@code customer-profile-store}. Internal topic: {@code profile-deltas-repartition}, the one re-keying that identity
 * needs.
 */
public final class PersonaTopology {
  private PersonaTopology() {}

  public static Topology build(PersonaConfig config) {
    StreamsBuilder builder = new StreamsBuilder();
    EventTimeExtractor eventTime = new EventTimeExtractor(config.events().maxFuture());
    KStream<String, ProfileChange> changes = clicksByCustomer(builder, config, eventTime)
        .merge(loyaltyBaskets(builder, config, eventTime), Named.as("merge-profile-changes"));
    updateProfiles(changes, config);
    return builder.build();
  }

  /** Clicks, resolved from cookie to customer: the one repartition, so one task owns each customer. */
  private static KStream<String, ProfileChange> clicksByCustomer(StreamsBuilder builder, PersonaConfig config,
      EventTimeExtractor eventTime) {
    Topic<ClickEvent> clicks = Topics.CLICKSTREAM;
    AvroSerde<ProfileDelta> deltas = AvroSerde.of(ProfileDelta.class);
    return builder.stream(clicks.name(), Consumed.with(Serdes.String(), clicks.valueSerde())
            .withTimestampExtractor(eventTime).withName("clickstream-source"))
        .processValues(() -> new ValidateProcessor<>(config.events()::check), Named.as("validate-click"))
        .process(new ResolveIdentityProcessor.Supplier(
            new IdentityResolver(config.identity(), config.profile()), config.expiryScanInterval()),
            Named.as("resolve-identity"))
        .repartition(Repartitioned.with(Serdes.String(), deltas).withName("profile-deltas"))
        .mapValues(PersonaTopology::toChange, Named.as("delta-to-change"));
  }

  /** Valid baskets with a loyalty id; the POS already keys them by customer. Anonymous baskets have no profile. */
  private static KStream<String, ProfileChange> loyaltyBaskets(StreamsBuilder builder, PersonaConfig config,
      EventTimeExtractor eventTime) {
    Topic<PosTransaction> baskets = Topics.POS_TRANSACTIONS;
    return builder.stream(baskets.name(), Consumed.with(Serdes.String(), baskets.valueSerde())
            .withTimestampExtractor(eventTime).withName("pos-transactions-source"))
        .processValues(() -> new ValidateProcessor<>(config.events()::check), Named.as("validate-basket"))
        .filter((customerId, basket) -> basket.getCustomerId() != null, Named.as("keep-loyalty-baskets"))
        .mapValues(basket -> (ProfileChange) new ProfileChange.Basket(basket), Named.as("basket-to-change"));
  }

  private static void updateProfiles(KStream<String, ProfileChange> changes, PersonaConfig config) {
    Topic<?> profiles = Topics.CUSTOMER_PROFILES;
    changes
        .process(new UpdateProfileProcessor.Supplier(config.profile()),
            Named.as("update-customer-profile"))
        .to(profiles.name(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("customer-profiles-sink"));
  }

  private static ProfileChange toChange(ProfileDelta delta) {
    return delta.getClick() != null ? new ProfileChange.Click(delta.getClick())
        : new ProfileChange.Fold(delta.getAnonymousActivity());
  }
}
