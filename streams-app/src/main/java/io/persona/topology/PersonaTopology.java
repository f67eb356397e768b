package io.persona.topology;

import io.persona.avro.ClickEvent;
import io.persona.avro.ConsentChange;
import io.persona.avro.ErasureRequest;
import io.persona.avro.PosTransaction;
import io.persona.avro.ProfileDelta;
import io.persona.config.PersonaConfig;
import io.persona.decide.DecideOffersProcessor;
import io.persona.decide.Decider;
import io.persona.decide.OfferViews;
import io.persona.emit.OutputSerdes;
import io.persona.identity.AnnounceLoginsProcessor;
import io.persona.identity.DeviceClick;
import io.persona.identity.IdentityResolver;
import io.persona.identity.RememberLinksProcessor;
import io.persona.identity.ResolveIdentityProcessor;
import io.persona.identity.UnlinkIdentityProcessor;
import io.persona.ingest.DropRepeatedClicksProcessor;
import io.persona.ingest.EventTimeExtractor;
import io.persona.ingest.ValidateProcessor;
import io.persona.metrics.AppMetrics;
import io.persona.privacy.EraseCustomerProcessor;
import io.persona.privacy.ErasureStep;
import io.persona.privacy.Pseudonyms;
import io.persona.privacy.RecordConsentProcessor;
import io.persona.profile.Decay;
import io.persona.profile.ProfileChange;
import io.persona.profile.ProfileUpdate;
import io.persona.profile.UpdateProfileProcessor;
import io.persona.serde.AvroSerde;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
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

    KStream<String, ProfileChange> changes = clicksByCustomer(builder, config, eventTime, metrics)
        .merge(loyaltyBaskets(validBaskets(builder, config, eventTime, metrics)), Named.as("merge-profile-changes"));
    recordConsent(builder, config);
    KStream<String, ProfileUpdate> updates = changes.process(new UpdateProfileProcessor.Supplier(config.profile(),
        config.privacy().inactiveRetention(), config.privacy().consents(), metrics,
        config.processingGuarantee().startsWith("exactly_once")),
        Named.as("update-customer-profile"), StoreNames.CONSENT);
    decideAndSend(updates, config, views, decay, metrics);
    eraseCustomers(builder, config, eventTime);
    return builder.build();
  }

  /**
   * Clicks to their customer's task. A click keyed by its customer (logged in) is there already: it is counted, and
   * decided on, in the transaction that reads it; only its first click of a device and session is also announced to
   * identity resolution, which folds in the device's anonymous activity later. A click keyed by its device crosses
   * the one repartition after identity resolution.
   */
  private static KStream<String, ProfileChange> clicksByCustomer(StreamsBuilder builder, PersonaConfig config,
      EventTimeExtractor eventTime, AppMetrics metrics) {
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
    KStream<String, DeviceClick> logins = customerClicks
        .process(new AnnounceLoginsProcessor.Supplier(), Named.as("announce-logins"))
        .repartition(Repartitioned.with(Serdes.String(), clicks.valueSerde()).withName("identity-logins")
            .withNumberOfPartitions(config.topicPartitions()))
        .mapValues(click -> new DeviceClick(click, true), Named.as("login-to-device-click"));
    KStream<String, ProfileChange> resolved = throughIdentity(byKey.get("clicks-keyed-by-device"), logins, config);
    return customerClicks
        .mapValues(click -> (ProfileChange) new ProfileChange.Click(click), Named.as("click-to-change"))
        .merge(resolved, Named.as("merge-click-changes"));
  }

  /** identity: device-keyed clicks and announced logins, resolved and re-keyed to their customer (the one hop). */
  private static KStream<String, ProfileChange> throughIdentity(KStream<String, ClickEvent> deviceKeyed,
      KStream<String, DeviceClick> logins, PersonaConfig config) {
    return deviceKeyed
        .mapValues(click -> new DeviceClick(click, false), Named.as("click-to-device-click"))
        .merge(logins, Named.as("merge-device-clicks"))
        .process(new ResolveIdentityProcessor.Supplier(
            new IdentityResolver(config.identity(), config.profile()), config.expiryScanInterval()),
            Named.as("resolve-identity"))
        .repartition(Repartitioned.with(Serdes.String(), AvroSerde.of(ProfileDelta.class)).withName("profile-deltas")
            .withNumberOfPartitions(config.topicPartitions()))
        .split(Named.as("profile-deltas-"))
        .branch((customerId, delta) -> delta.getLinkedAnonymousId() != null, Branched.withConsumer(links -> links
            .process(RememberLinksProcessor::new, Named.as("remember-links"), StoreNames.CUSTOMER_LINKS), "links"))
        .defaultBranch(Branched.as("changes"))
        .get("profile-deltas-changes")
        .mapValues(PersonaTopology::toChange, Named.as("delta-to-change"));
  }

  private static KStream<String, PosTransaction> validBaskets(StreamsBuilder builder, PersonaConfig config,
      EventTimeExtractor eventTime, AppMetrics metrics) {
    Topic<PosTransaction> baskets = Topics.POS_TRANSACTIONS;
    return builder.stream(config.topics().of(baskets), Consumed.with(Serdes.String(), baskets.valueSerde())
            .withTimestampExtractor(eventTime).withName("pos-transactions-source"))
        .processValues(() -> new ValidateProcessor<>(config.events()::check,
            metrics.deadLetters("validate-basket")), Named.as("validate-basket"));
  }

  /** Baskets with a loyalty id; the POS already keys them by customer. Anonymous baskets have no profile. */
  private static KStream<String, ProfileChange> loyaltyBaskets(KStream<String, PosTransaction> baskets) {
    return baskets
        .filter((customerId, basket) -> basket.getCustomerId() != null, Named.as("keep-loyalty-baskets"))
        .mapValues(basket -> (ProfileChange) new ProfileChange.Basket(basket), Named.as("basket-to-change"));
  }

  /** decide -> emit: decisions per customer, sent in the same transaction, with their outcomes for learning. */
  private static void decideAndSend(KStream<String, ProfileUpdate> updates, PersonaConfig config, OfferViews views,
      Decay decay, AppMetrics metrics) {
    Function<Decider.Lookups, Decider> deciders = lookups -> Decider.create(config.offers(), decay, views, lookups);
    KStream<String, SpecificRecord> sent = updates.process(
        new DecideOffersProcessor.Supplier(config.offers(), config.privacy().consents(), decay, views, deciders,
            pseudonyms(config), config.topicPartitions(), metrics),
        Named.as("decide-offers"), StoreNames.CUSTOMER_PROFILES, StoreNames.CONSENT);
    OutputSerdes outputs = new OutputSerdes(config.output());
    sink(sent, config.topics(), outputs, Topics.PERSONALIZED_OFFERS, "decided");
    sink(sent, config.topics(), outputs, Topics.AD_OFFERS, "decided");
    sink(sent, config.topics(), outputs, Topics.OFFER_OUTCOMES, "decided");
  }

  private static Pseudonyms pseudonyms(PersonaConfig config) {
    String secret = config.privacy().adPseudonymKey();
    return secret.isEmpty() ? null : new Pseudonyms(secret);
  }

  /** Consent per customer and channel; its records carry composite keys but sit in the customer's partition. */
  private static void recordConsent(StreamsBuilder builder, PersonaConfig config) {
    Topic<ConsentChange> consent = Topics.CONSENT_CHANGES;
    builder.stream(config.topics().of(consent), Consumed.with(Serdes.String(), consent.valueSerde())
            .withName("consent-changes-source"))
        .process(new RecordConsentProcessor.Supplier(config.events()), Named.as("record-consent"));
  }

  /**
   * Erasure, on request or after too long without activity: every store of the customer's task (the profile's
   * tombstone reaches {@code customer-profiles} through its changelog), tombstones for consent, the links in identity-store (owned by the anonymous ids' tasks) and a receipt.
   */
  private static void eraseCustomers(StreamsBuilder builder, PersonaConfig config, EventTimeExtractor eventTime) {
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
    steps.filter((key, step) -> step instanceof ErasureStep.Unlink, Named.as("keep-unlinks"))
        .mapValues(step -> ((ErasureStep.Unlink) step).customerId(), Named.as("as-unlinks"))
        .repartition(Repartitioned.with(Serdes.String(), Serdes.String()).withName("identity-erasures")
            .withNumberOfPartitions(config.topicPartitions()))
        .process(() -> new UnlinkIdentityProcessor(new IdentityResolver(config.identity(), config.profile())),
            Named.as("unlink-identity"), StoreNames.IDENTITY, StoreNames.IDENTITY_EXPIRY);
    steps.filter((key, step) -> step instanceof ErasureStep.Receipt, Named.as("keep-receipts"))
        .mapValues(step -> ((ErasureStep.Receipt) step).receipt(), Named.as("as-receipts"))
        .to(config.topics().of(Topics.ERASURE_RECEIPTS), Produced.with(Serdes.String(), Topics.ERASURE_RECEIPTS.valueSerde())
            .withName("erasure-receipts-sink"));
  }

  /** A global store (in memory, rebuilt from the topic at every start) and its view, on every instance. */
  private static <V extends SpecificRecord> void mirror(StreamsBuilder builder, TopicNames names, Topic<V> topic,
      String storeName,
      BiConsumer<String, V> view) {
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName), Serdes.String(), topic.valueSerde())
            .withLoggingDisabled(),
        names.of(topic),
        Consumed.with(Serdes.String(), topic.valueSerde()).withName(topic.name() + "-mirror"),
        () -> new MirrorProcessor<>(storeName, view));
  }

  private static <V extends SpecificRecord> KStream<String, V> only(KStream<String, SpecificRecord> stream,
      Class<V> type, String name) {
    return stream.filter((key, value) -> type.isInstance(value), Named.as("keep-" + name))
        .mapValues(type::cast, Named.as("as-" + name));
  }

  private static <V extends SpecificRecord> void sink(KStream<String, SpecificRecord> stream, TopicNames names,
      OutputSerdes outputs, Topic<V> topic, String from) {
    only(stream, topic.valueType(), from + "-" + topic.name())
        .to(names.of(topic), Produced.with(Serdes.String(), outputs.writer(topic))
            .withName(from + "-" + topic.name() + "-sink"));
  }

  private static ProfileChange toChange(ProfileDelta delta) {
    return delta.getClick() != null ? new ProfileChange.Click(delta.getClick())
        : new ProfileChange.Fold(delta.getAnonymousActivity());
  }
}
