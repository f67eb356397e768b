package io.persona.topology;

import io.persona.avro.ClickEvent;
import io.persona.avro.PosTransaction;
import io.persona.processors.UpdateProfileProcessor;
import io.persona.profile.CustomerActivity;
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
 * Out: {@code customer-profiles} (customer id -> CustomerProfile). Store: {@code customer-profile-store}.
 */
public final class PersonaTopology {
  private PersonaTopology() {}

  public static Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, CustomerActivity> activity =
        loggedInClicks(builder).merge(loyaltyBaskets(builder), Named.as("merge-customer-activity"));
    updateProfiles(activity);
    return builder.build();
  }

  /** Clicks of logged-in visitors, re-keyed from the cookie to the customer so one task owns each customer. */
  private static KStream<String, CustomerActivity> loggedInClicks(StreamsBuilder builder) {
    Topic<ClickEvent> clicks = Topics.CLICKSTREAM;
    return builder.stream(clicks.name(), Consumed.with(Serdes.String(), clicks.valueSerde()).withName("clickstream-source"))
        .filter((anonymousId, click) -> click.getCustomerId() != null, Named.as("keep-logged-in-clicks"))
        .selectKey((anonymousId, click) -> click.getCustomerId(), Named.as("key-clicks-by-customer"))
        .repartition(Repartitioned.with(Serdes.String(), clicks.valueSerde()).withName("clicks-by-customer"))
        .mapValues(CustomerActivity::of, Named.as("click-to-activity"));
  }

  /** Baskets with a loyalty id; the POS already keys them by customer. */
  private static KStream<String, CustomerActivity> loyaltyBaskets(StreamsBuilder builder) {
    Topic<PosTransaction> baskets = Topics.POS_TRANSACTIONS;
    return builder.stream(baskets.name(), Consumed.with(Serdes.String(), baskets.valueSerde()).withName("pos-transactions-source"))
        .filter((customerId, basket) -> basket.getCustomerId() != null, Named.as("keep-loyalty-baskets"))
        .mapValues(CustomerActivity::of, Named.as("basket-to-activity"));
  }

  private static void updateProfiles(KStream<String, CustomerActivity> activity) {
    Topic<?> profiles = Topics.CUSTOMER_PROFILES;
    activity
        .process(new UpdateProfileProcessor.Supplier(), Named.as("update-customer-profile"))
        .to(profiles.name(), Produced.with(Serdes.String(), Topics.CUSTOMER_PROFILES.valueSerde()).withName("customer-profiles-sink"));
  }
}
