package io.persona.topology;

import io.persona.avro.OfferOutcome;
import io.persona.avro.PosTransaction;
import io.persona.config.PersonaConfig;
import io.persona.ingest.EventTimeExtractor;
import io.persona.ingest.ValidateProcessor;
import io.persona.learn.CoPurchases;
import io.persona.learn.CountOfferKpisProcessor;
import io.persona.learn.LearnCoPurchasesProcessor;
import io.persona.profile.Decay;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp;

/**
 * The learning app: the work no offer waits for, in a Kafka Streams application of its own (its own
 * {@code application.id}, transactions and commit interval), so that it never enlarges or slows the transaction
 * that emits an offer. It learns what is bought together, counts every offer's KPIs, and publishes the profiles.
 *
 * <p>In: {@code pos-transactions}, {@code offer-outcomes}, and the changelog of the engine's profile store. Out:
 * {@code product-similarity} and {@code offer-kpis} (both read back by the engine as global stores: the loop through
 * which offers learn), {@code customer-profiles}. Internal: {@code co-purchase-baskets-repartition} (each basket to
 * the task of each of its products), {@code offer-outcomes-by-offer-repartition} (outcomes to the task that counts
 * the offer).
 */
public final class LearningTopology {
  private LearningTopology() {}

  public static Topology build(PersonaConfig config) {
    StreamsBuilder builder = new StreamsBuilder();
    EventTimeExtractor eventTime = new EventTimeExtractor(config.events().maxFuture());
    Decay decay = new Decay(config.profile().halfLife());
    learnCoPurchases(builder, config, eventTime,
        new CoPurchases(decay, config.offers().maxNeighbours(), config.offers().maxBasketProducts()));
    countOfferKpis(builder, config, eventTime);
    publishProfiles(builder, config);
    return builder.build();
  }

  /** The topic Kafka Streams keeps the engine's profile store in: one record per customer and commit. */
  public static String profileChangelog(PersonaConfig config) {
    return config.applicationId() + "-" + StoreNames.CUSTOMER_PROFILES + "-changelog";
  }

  /** Every basket, loyalty or not, teaches the task of each of its products what was bought with it. */
  private static void learnCoPurchases(StreamsBuilder builder, PersonaConfig config, EventTimeExtractor eventTime,
      CoPurchases coPurchases) {
    Topic<PosTransaction> baskets = Topics.POS_TRANSACTIONS;
    builder.stream(config.topics().of(baskets), Consumed.with(Serdes.String(), baskets.valueSerde())
            .withTimestampExtractor(eventTime).withName("pos-transactions-source"))
        // the engine dead-letters what is invalid; here it is only left out
        .processValues(() -> ValidateProcessor.dropping(config.events()::check), Named.as("keep-valid-baskets"))
        .flatMap((customerId, basket) -> perProduct(coPurchases.products(basket), basket),
            Named.as("basket-per-product"))
        .repartition(Repartitioned.with(Serdes.String(), baskets.valueSerde()).withName("co-purchase-baskets"))
        .process(new LearnCoPurchasesProcessor.Supplier(coPurchases), Named.as("learn-co-purchases"))
        .to(config.topics().of(Topics.PRODUCT_SIMILARITY), Produced.with(Serdes.String(), Topics.PRODUCT_SIMILARITY.valueSerde())
            .withName("product-similarity-sink"));
  }

  private static void countOfferKpis(StreamsBuilder builder, PersonaConfig config, EventTimeExtractor eventTime) {
    Topic<OfferOutcome> outcomes = Topics.OFFER_OUTCOMES;
    builder.stream(config.topics().of(outcomes), Consumed.with(Serdes.String(), outcomes.valueSerde())
            .withTimestampExtractor(eventTime).withName("offer-outcomes-source"))
        .filter((customerId, outcome) -> outcome != null, Named.as("keep-outcomes"))
        .selectKey((customerId, outcome) -> outcome.getOfferId(), Named.as("outcome-by-offer"))
        .repartition(Repartitioned.with(Serdes.String(), outcomes.valueSerde()).withName("offer-outcomes-by-offer"))
        .process(new CountOfferKpisProcessor.Supplier(), Named.as("count-offer-kpis"))
        .to(config.topics().of(Topics.OFFER_KPIS), Produced.with(Serdes.String(), Topics.OFFER_KPIS.valueSerde())
            .withName("offer-kpis-sink"));
  }

  /** The profile store's changelog, bytes as they are, tombstones of erasures included. */
  private static void publishProfiles(StreamsBuilder builder, PersonaConfig config) {
    builder.stream(profileChangelog(config), Consumed.with(Serdes.String(), Serdes.ByteArray())
            .withTimestampExtractor(new UsePartitionTimeOnInvalidTimestamp())
            .withName("customer-profile-changelog-source"))
        .to(config.topics().of(Topics.CUSTOMER_PROFILES), Produced.with(Serdes.String(), Serdes.ByteArray())
            .withName("customer-profiles-sink"));
  }

  /** A basket once per product it holds; none for a single product, which teaches no pair. */
  private static List<KeyValue<String, PosTransaction>> perProduct(List<String> products, PosTransaction basket) {
    return products.size() < 2 ? List.of()
        : products.stream().map(product -> KeyValue.pair(product, basket)).toList();
  }
}
