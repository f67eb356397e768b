package io.persona.topology;

import io.persona.config.PersonaConfig;
import io.persona.decide.DecideStage;
import io.persona.decide.OfferViews;
import io.persona.emit.EmitStage;
import io.persona.identity.DeviceClick;
import io.persona.identity.IdentityStage;
import io.persona.ingest.EventTimeExtractor;
import io.persona.ingest.IngestStage;
import io.persona.metrics.AppMetrics;
import io.persona.privacy.PrivacyStage;
import io.persona.profile.Decay;
import io.persona.profile.ProfileChange;
import io.persona.profile.ProfileStage;
import io.persona.profile.ProfileUpdate;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The engine: ingest -> identity -> profile -> decide -> emit, on the path of every offer. A basket, and a click keyed
 * by its (logged-in) customer, is folded, decided and its offer sent in the transaction that reads it; a click keyed
 * by its device crosses one repartition (identity resolution, then its customer's task) first. Learning that no offer
 * waits for runs in {@link LearningTopology}, an application of its own.
 *
 * <p>In: {@code clickstream} (customer id, or anonymous id when not logged in -> ClickEvent), {@code pos-transactions} (customer id -> PosTransaction),
 * {@code consent-changes}, {@code erasure-requests}, and as global stores {@code offer-catalog},
 * {@code product-similarity} and {@code offer-kpis}. Out: {@code personalized-offers}, {@code ad-offers} (both in
 * the configured {@code output.format}),
 * {@code offer-outcomes} (what the learning app counts), {@code erasure-receipts}, consent tombstones,
 * {@code dead-letter}. Internal topics: {@code profile-deltas-repartition} (device-keyed clicks, folded anonymous
 * activity and links, re-keyed to their customer), {@code identity-logins-repartition} (logins seen on
 * customer-keyed clicks, to the device's identity task),
 * {@code identity-erasures-repartition} (an erased customer's cookies to their identity tasks).
 */
public final class PersonaTopology {
  private PersonaTopology() {}

  public static Topology build(PersonaConfig config) {
    return build(config, new OfferViews(new Decay(config.profile().halfLife())), AppMetrics.unobserved());
  }

  /** @param views the in-memory catalog and popularity the topology keeps; queries read the same instance */
  public static Topology build(PersonaConfig config, OfferViews views, AppMetrics metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    EventTimeExtractor eventTime = new EventTimeExtractor(config.events().maxFuture());
    Decay decay = new Decay(config.profile().halfLife());
    TopicNames names = config.topics();
    mirror(builder, names, Topics.OFFER_CATALOG, StoreNames.OFFER_CATALOG, views.catalog()::apply);
    mirror(builder, names, Topics.PRODUCT_SIMILARITY, StoreNames.PRODUCT_SIMILARITY,
        (product, neighbours) -> views.popular().update(product, neighbours == null ? null : neighbours.getPurchases()));
    mirror(builder, names, Topics.OFFER_KPIS, StoreNames.OFFER_KPIS, (offer, kpi) -> { });

    IngestStage.Clicks clicks = IngestStage.clicks(builder, config, eventTime, metrics);
    KStream<String, DeviceClick> logins = IdentityStage.logins(clicks.byCustomer(), config);
    KStream<String, ProfileChange> resolved = IdentityStage.resolve(clicks.byDevice(), logins, config);
    KStream<String, ProfileChange> changes = ProfileStage.clickChanges(clicks.byCustomer(), resolved)
        .merge(ProfileStage.basketChanges(IngestStage.baskets(builder, config, eventTime, metrics)),
            Named.as("merge-profile-changes"));
    PrivacyStage.recordConsent(builder, config);
    KStream<String, ProfileUpdate> updates = ProfileStage.update(changes, config, metrics);
    KStream<String, SpecificRecord> decided = DecideStage.decide(updates, config, views, decay, metrics);
    EmitStage.send(decided, config);
    PrivacyStage.erase(builder, config, eventTime);
    return builder.build();
  }

  /** A global store (in memory, rebuilt from the topic at every start) and its view, on every instance. */
  private static <V extends SpecificRecord> void mirror(StreamsBuilder builder, TopicNames names, Topic<V> topic,
      String storeName, BiConsumer<String, V> view) {
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName), Serdes.String(), topic.valueSerde())
            .withLoggingDisabled(),
        names.of(topic),
        Consumed.with(Serdes.String(), topic.valueSerde()).withName(topic.name() + "-mirror"),
        () -> new MirrorProcessor<>(storeName, view));
  }
}
