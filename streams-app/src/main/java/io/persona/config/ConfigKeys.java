package io.persona.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import io.persona.serde.OutputFormat;
import io.persona.topology.TopicNames;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef;

/** The keys the app understands, their types, defaults and allowed values (the README's configuration table). */
public final class ConfigKeys {
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String APPLICATION_ID = "application.id";
  public static final String STATE_DIR = "state.dir";
  public static final String PROCESSING_GUARANTEE = "processing.guarantee";
  public static final String NUM_STREAM_THREADS = "num.stream.threads";
  public static final String TOPICS_PARTITIONS = "topics.partitions";
  public static final String TOPICS_REPLICATION_FACTOR = "topics.replication.factor";
  public static final String TOPICS_CREATE = "topics.create";
  public static final String TOPICS_PREFIX = "topics.prefix";
  public static final String TOPIC_NAME_PREFIX = "topics.name.";
  public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";

  public static final String HALF_LIFE_MS = "profile.half.life.ms";
  public static final String MAX_CATEGORIES = "profile.max.categories";
  public static final String MAX_BRANDS = "profile.max.brands";
  public static final String MAX_PRODUCTS = "profile.max.products";
  public static final String MAX_PURCHASE_CYCLES = "profile.max.purchase.cycles";
  public static final String WEIGHT_PREFIX = "profile.weight.";
  public static final String PURCHASE_WEIGHT = "profile.weight.pos.unit";
  public static final String LTV_HORIZON_YEARS = "profile.ltv.horizon.years";
  public static final String DEDUP_WINDOW_MS = "dedup.window.ms";
  public static final String DEDUP_MAX_REMEMBERED = "dedup.max.remembered";
  public static final String MAX_CUSTOMERS_PER_DEVICE = "identity.max.customers.per.device";
  public static final String LINK_TTL_MS = "identity.link.ttl.ms";
  public static final String ANONYMOUS_TTL_MS = "identity.anonymous.ttl.ms";
  public static final String ANONYMOUS_MAX_ENTRIES = "identity.anonymous.max.entries";
  public static final String EXPIRY_SCAN_INTERVAL_MS = "expiry.scan.interval.ms";
  public static final String MAX_FUTURE_MS = "events.max.future.ms";
  public static final String GRACE_MS = "events.grace.ms";
  public static final String ORDER_WAIT_MS = "events.order.wait.ms";
  public static final String LEARNING_COMMIT_INTERVAL_MS = "learning.commit.interval.ms";

  public static final String TRIGGER_CHANNEL_PREFIX = "offers.trigger.";
  public static final String CAP_PREFIX = "offers.cap.";
  public static final String CART_ABANDONED_AFTER_MS = "offers.cart.abandoned.after.ms";
  public static final String SPIKE_THRESHOLD = "offers.interest.spike.threshold";
  public static final String DIGEST_INTERVAL_MS = "offers.digest.interval.ms";
  public static final String COOLDOWN_MS = "offers.cooldown.ms";
  public static final String NO_REOFFER_AFTER_REDEMPTION_MS = "offers.no.reoffer.after.redemption.ms";
  public static final String ATTRIBUTION_WINDOW_MS = "offers.attribution.window.ms";
  public static final String VALIDITY_MS = "offers.validity.ms";
  public static final String HOLDOUT_PERCENT = "offers.holdout.percent";
  public static final String DIVERSITY_SHARE = "offers.diversity.share";
  public static final String PROBABILITY_DRAWS = "offers.selection.probability.draws";
  public static final String PRIOR_RATE = "offers.prior.rate";
  public static final String PRIOR_STRENGTH = "offers.prior.strength";
  public static final String TIMER_INTERVAL_MS = "offers.timer.interval.ms";
  public static final String MAX_NEIGHBOURS = "offers.similar.max.neighbours";
  public static final String MAX_BASKET_PRODUCTS = "offers.similar.max.basket.products";
  public static final String POPULARITY_WEIGHT = "offers.relevance.popularity.weight";
  public static final String NEIGHBOUR_WEIGHT = "offers.relevance.neighbour.weight";
  public static final String INTEREST_WEIGHT = "offers.relevance.interest.weight";
  public static final String NEIGHBOUR_SEEDS = "offers.relevance.neighbour.seeds";
  public static final String DECISION_POOL = "offers.decision.pool";

  public static final String SERVER_PORT = "server.port";
  public static final String SERVER_HOST = "server.host";
  public static final String SERVER_ADVERTISED_HOST = "server.advertised.host";
  public static final String SERVER_AUTH_TOKENS = "server.auth.tokens";
  public static final String SERVER_AUTH_OFFER_TOKENS = "server.auth.offer.tokens";
  public static final String SERVER_AUTH_TOKENS_FILE = "server.auth.tokens.file";
  public static final String SERVER_TLS_KEYSTORE = "server.tls.keystore.location";
  public static final String SERVER_TLS_KEYSTORE_PASSWORD = "server.tls.keystore.password";
  public static final String SERVER_TLS_STORE_TYPE = "server.tls.store.type";
  public static final String SERVER_TLS_TRUSTSTORE = "server.tls.truststore.location";
  public static final String SERVER_TLS_TRUSTSTORE_PASSWORD = "server.tls.truststore.password";
  public static final String COLLECTOR_ENABLED = "collector.enabled";
  public static final String COLLECTOR_WRITE_KEYS = "collector.write.keys";
  public static final String COLLECTOR_ALLOWED_ORIGINS = "collector.allowed.origins";
  public static final String COLLECTOR_ACK_TIMEOUT_MS = "collector.ack.timeout.ms";
  public static final String COLLECTOR_MAX_REQUEST_BYTES = "collector.max.request.bytes";
  public static final String CONSENT_DEFAULT_PREFIX = "consent.default.";
  public static final String AD_PSEUDONYM_KEY = "privacy.ad.pseudonym.key";
  public static final String INACTIVE_RETENTION_MS = "retention.inactive.after.ms";
  public static final String CHANGELOG_MAX_COMPACTION_LAG_MS = "changelog.max.compaction.lag.ms";
  public static final String CHANGELOG_SEGMENT_MS = "changelog.segment.ms";
  public static final String OUTPUT_FORMAT = "output.format";
  public static final String OUTPUT_REGISTRY_URL = "output.registry.url";

  private static final long HOUR = 3_600_000L;
  private static final long MINUTE = 60_000L;
  private static final ValidString DENY_OR_GRANT = ValidString.in("deny", "grant");
  private static final ValidString CHANNEL_OR_OFF = ValidString.in("off", "email", "sms", "push", "ad", "web", "pos");
  private static final String CAP_DOC = "Frequency cap of the channel, such as 1/1d,3/7d (at most 1 a day and 3 a week); "
      + "units d, h, m; empty for none.";
  private static final long DAY = 24 * HOUR;

  /** Prefix for raw Kafka Streams and client settings passed through unchanged. */
  public static final String KAFKA_PREFIX = "kafka.";

  private static final Range WEIGHT = Range.between(-100, 100);

  public static final ConfigDef DEFINITION = withTopicNames(
      new ConfigDef()
          .define(BOOTSTRAP_SERVERS, Type.STRING, "127.0.0.1:9092", new NonEmptyString(), HIGH,
              "Kafka brokers to connect to (host:port, comma-separated).")
          .define(APPLICATION_ID, Type.STRING, "persona", new NonEmptyString(), HIGH,
              "Kafka Streams application id: consumer group, prefix of internal topics. Instances sharing it share the work.")
          .define(STATE_DIR, Type.STRING, Path.of(System.getProperty("user.home"), ".persona", "state").toString(),
              new NonEmptyString(), HIGH, "Folder for RocksDB state stores; give each instance on one machine its own.")
          .define(PROCESSING_GUARANTEE, Type.STRING, "exactly_once_v2", ValidString.in("exactly_once_v2", "at_least_once"),
              HIGH, "exactly_once_v2 (default): no offer lost or sent twice. at_least_once only for measurements.")
          .define(NUM_STREAM_THREADS, Type.INT, 1, Range.between(1, 64), MEDIUM, "Stream threads per instance.")
          .define(TOPICS_PARTITIONS, Type.INT, 3, Range.between(1, 1000), MEDIUM,
              "Partitions of every customer-keyed topic (they are co-partitioned, so all share this count).")
          .define(TOPICS_REPLICATION_FACTOR, Type.SHORT, (short) 1, Range.between(1, 10), MEDIUM,
              "Replication factor of created topics, internal ones included (1 for the local single broker).")
          .define(TOPICS_CREATE, Type.BOOLEAN, true, LOW,
              "Create missing topics at start-up through the Admin client; false to require them to exist.")
          .define(SERVER_PORT, Type.INT, 8080, Range.between(0, 65535), MEDIUM,
              "Port of the HTTP API (profiles, offers, KPIs, health, metrics); 0 switches the API off.")
          .define(SERVER_HOST, Type.STRING, "127.0.0.1", new NonEmptyString(), MEDIUM,
              "Address the API binds to (0.0.0.0 for every interface; then set server.advertised.host).")
          .define(SERVER_ADVERTISED_HOST, Type.STRING, "", MEDIUM,
              "Host other instances use to reach this one (application.server); default: server.host.")
          .define(SERVER_AUTH_TOKENS, Type.PASSWORD, "", MEDIUM,
              "Bearer tokens (comma-separated) that may read profiles and offers; none: the API is open. Set them "
                  + "whenever the API is bound beyond loopback.")
          .define(SERVER_AUTH_OFFER_TOKENS, Type.PASSWORD, "", MEDIUM,
              "Bearer tokens (comma-separated) that may read offers and KPIs but not profiles (email and ad services).")
          .define(SERVER_AUTH_TOKENS_FILE, Type.STRING, "", MEDIUM,
              "A file of full-access bearer tokens, one per line (# starts a comment), read at start-up.")
          .define(SERVER_TLS_KEYSTORE, Type.STRING, "", MEDIUM,
              "Key store the API serves HTTPS with; none: plain HTTP (every instance must agree).")
          .define(SERVER_TLS_KEYSTORE_PASSWORD, Type.PASSWORD, "", MEDIUM, "Password of the API's key store.")
          .define(SERVER_TLS_STORE_TYPE, Type.STRING, "PKCS12", LOW, "Type of the API's key and trust stores.")
          .define(SERVER_TLS_TRUSTSTORE, Type.STRING, "", MEDIUM,
              "Trust store the API checks other instances against when it forwards; none: the JVM's default.")
          .define(SERVER_TLS_TRUSTSTORE_PASSWORD, Type.PASSWORD, "", MEDIUM, "Password of the API's trust store.")
          .define(COLLECTOR_ENABLED, Type.BOOLEAN, true, MEDIUM,
              "Serve the event collector (POST /v1/track, /v1/page, /v1/identify, /v1/batch) and /persona.js.")
          .define(COLLECTOR_WRITE_KEYS, Type.PASSWORD, "", MEDIUM,
              "Write keys (comma-separated) a tracker must send; none: any request is taken.")
          .define(COLLECTOR_ALLOWED_ORIGINS, Type.LIST, "*", MEDIUM,
              "Web origins (https://shop.example.com) whose pages may send events; * for any.")
          .define(COLLECTOR_ACK_TIMEOUT_MS, Type.LONG, 10_000L, Range.between(1_000, 120_000), LOW,
              "How long a collector request waits for Kafka's acknowledgement before answering 503.")
          .define(COLLECTOR_MAX_REQUEST_BYTES, Type.INT, 512_000, Range.between(1_024, 10_000_000), LOW,
              "Largest collector request body (413 beyond).")
          .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, 30_000L, Range.between(1_000, 600_000), LOW,
              "How long a clean stop (SIGTERM) may take before the app gives up waiting.")
          .define(HALF_LIFE_MS, Type.LONG, 30 * DAY, Range.atLeast(HOUR), MEDIUM,
              "Event time after which an interest (affinity) counts half as much.")
          .define(MAX_CATEGORIES, Type.INT, 20, Range.between(1, 1000), MEDIUM, "Categories kept per profile (strongest).")
          .define(MAX_BRANDS, Type.INT, 20, Range.between(1, 1000), MEDIUM, "Brands kept per profile (strongest).")
          .define(MAX_PRODUCTS, Type.INT, 50, Range.between(1, 1000), MEDIUM, "Products kept per profile (strongest).")
          .define(MAX_PURCHASE_CYCLES, Type.INT, 50, Range.between(0, 1000), MEDIUM,
              "Products whose purchase frequency (baskets that held them) and repurchase cycle are kept per profile.")
          .define(WEIGHT_PREFIX + "page.view", Type.DOUBLE, 0.5, WEIGHT, LOW, "Affinity added by a page view.")
          .define(WEIGHT_PREFIX + "product.view", Type.DOUBLE, 1.0, WEIGHT, LOW, "Affinity added by a product view.")
          .define(WEIGHT_PREFIX + "search", Type.DOUBLE, 0.5, WEIGHT, LOW, "Affinity added by a search.")
          .define(WEIGHT_PREFIX + "add.to.cart", Type.DOUBLE, 3.0, WEIGHT, LOW, "Affinity added by an add-to-cart.")
          .define(WEIGHT_PREFIX + "remove.from.cart", Type.DOUBLE, -1.0, WEIGHT, LOW,
              "Affinity added (negative: taken) by a remove-from-cart.")
          .define(WEIGHT_PREFIX + "checkout", Type.DOUBLE, 3.0, WEIGHT, LOW, "Affinity added by a checkout.")
          .define(WEIGHT_PREFIX + "purchase", Type.DOUBLE, 5.0, WEIGHT, LOW, "Affinity added by a web purchase event.")
          .define(WEIGHT_PREFIX + "login", Type.DOUBLE, 0.0, WEIGHT, LOW, "Affinity added by a login (none).")
          .define(PURCHASE_WEIGHT, Type.DOUBLE, 5.0, WEIGHT, LOW,
              "Affinity added per line bought at a POS, times 1 + ln(units); a returned line takes as much away.")
          .define(LTV_HORIZON_YEARS, Type.DOUBLE, 3.0, Range.between(0.1, 50), LOW, "Lifetime-value horizon in years.")
          .define(DEDUP_WINDOW_MS, Type.LONG, DAY, Range.between(0, 30 * DAY), MEDIUM,
              "An event id seen again within this event time is a retry and is not counted again.")
          .define(DEDUP_MAX_REMEMBERED, Type.INT, 32, Range.between(1, 1000), LOW,
              "Event ids remembered per cookie and per customer within the duplicate window.")
          .define(MAX_CUSTOMERS_PER_DEVICE, Type.INT, 3, Range.between(1, 100), MEDIUM,
              "Customers one anonymous id may be linked to; further links are refused (shared devices).")
          .define(LINK_TTL_MS, Type.LONG, 180 * DAY, Range.atLeast(HOUR), MEDIUM,
              "A linked anonymous id inactive this long (event time) is forgotten.")
          .define(ANONYMOUS_TTL_MS, Type.LONG, 30 * DAY, Range.atLeast(HOUR), MEDIUM,
              "An anonymous id never linked, inactive this long, is forgotten with its anonymous profile.")
          .define(ANONYMOUS_MAX_ENTRIES, Type.INT, 5, Range.between(1, 100), LOW,
              "Entries per affinity map of an anonymous profile.")
          .define(EXPIRY_SCAN_INTERVAL_MS, Type.LONG, HOUR, Range.atLeast(1_000), LOW,
              "How often, in stream time, expired identities are looked for.")
          .define(MAX_FUTURE_MS, Type.LONG, DAY, Range.atLeast(0), MEDIUM,
              "An event time further ahead of the record's arrival (broker append time) is rejected to the dead letters.")
          .define(GRACE_MS, Type.LONG, 7 * DAY, Range.atLeast(0), MEDIUM,
              "An event time further behind the newest event of its topic partition is too late and goes to the "
                  + "dead letters.")
          .define(LEARNING_COMMIT_INTERVAL_MS, Type.LONG, 1_000L, Range.between(10, 600_000), LOW,
              "Commit interval of the learning app (co-purchases, offer KPIs, profile publication), which no offer "
                  + "waits for: longer means fewer, larger transactions off the offers' path.")
          .define(ORDER_WAIT_MS, Type.LONG, -1L, Range.between(-1, 60_000), MEDIUM,
              "How long a task waits for an input partition that has records still on the brokers, or, above 0, "
                  + "for producers to send more to inputs that are caught up, so that records are taken in event-time "
                  + "order across topics (Kafka Streams max.task.idle.ms). At -1 (the default) a task never waits: it "
                  + "takes what it has fetched, oldest first; at 0 it waits for data already on the brokers (strict "
                  + "order for backlogs and replays, at a cost to throughput and latency); above 0 live traffic pays up "
                  + "to that much latency at every hop.")
          .define(TRIGGER_CHANNEL_PREFIX + "post.purchase.channel", Type.STRING, "pos", CHANNEL_OR_OFF, MEDIUM,
              "Channel of the next-visit offer decided after each loyalty basket (a checkout coupon); off to switch off.")
          .define(TRIGGER_CHANNEL_PREFIX + "cart.abandonment.channel", Type.STRING, "email", CHANNEL_OR_OFF, MEDIUM,
              "Channel of the offer decided when a cart is abandoned; off to switch off.")
          .define(TRIGGER_CHANNEL_PREFIX + "interest.spike.channel", Type.STRING, "push", CHANNEL_OR_OFF, MEDIUM,
              "Channel of the offer decided when a category affinity crosses the spike threshold; off to switch off.")
          .define(TRIGGER_CHANNEL_PREFIX + "digest.channel", Type.STRING, "email", CHANNEL_OR_OFF, MEDIUM,
              "Channel of the periodic digest offer for active customers; off to switch off.")
          .define(CAP_PREFIX + "email", Type.STRING, "1/1d,3/7d", MEDIUM, CAP_DOC)
          .define(CAP_PREFIX + "sms", Type.STRING, "1/1d,2/7d", LOW, CAP_DOC)
          .define(CAP_PREFIX + "push", Type.STRING, "2/1d", LOW, CAP_DOC)
          .define(CAP_PREFIX + "ad", Type.STRING, "3/1d", LOW, CAP_DOC)
          .define(CAP_PREFIX + "web", Type.STRING, "", LOW, CAP_DOC)
          .define(CAP_PREFIX + "pos", Type.STRING, "1/1d", LOW, CAP_DOC)
          .define(CART_ABANDONED_AFTER_MS, Type.LONG, 30 * MINUTE, Range.atLeast(MINUTE), MEDIUM,
              "Stream time after the last cart change, without a purchase, after which the cart counts as abandoned.")
          .define(SPIKE_THRESHOLD, Type.DOUBLE, 12.0, Range.atLeast(0.1), MEDIUM,
              "Category affinity whose crossing (from below half of it) fires the interest-spike trigger.")
          .define(DIGEST_INTERVAL_MS, Type.LONG, 7 * DAY, Range.atLeast(HOUR), MEDIUM,
              "How often a customer active within the interval gets a digest offer.")
          .define(COOLDOWN_MS, Type.LONG, 3 * DAY, Range.atLeast(0), MEDIUM,
              "The same offer is not decided for the same customer again within this event time.")
          .define(NO_REOFFER_AFTER_REDEMPTION_MS, Type.LONG, 30 * DAY, Range.atLeast(0), MEDIUM,
              "An offer the customer redeemed is not offered to them again within this event time.")
          .define(ATTRIBUTION_WINDOW_MS, Type.LONG, 7 * DAY, Range.atLeast(MINUTE), MEDIUM,
              "A redemption or purchase of the target within this time after a decision counts for it; after it, the "
                  + "decision counts as ignored.")
          .define(VALIDITY_MS, Type.LONG, 7 * DAY, Range.atLeast(MINUTE), MEDIUM,
              "How long a sent offer stays valid (never past the catalog's validTo).")
          .define(HOLDOUT_PERCENT, Type.DOUBLE, 10.0, Range.between(0, 100), MEDIUM,
              "Share of customers held out of each offer (sticky): they get a 'would have sent' record, not the offer.")
          .define(DIVERSITY_SHARE, Type.DOUBLE, 0.2, Range.between(0, 1), MEDIUM,
              "Share of offers taken from outside the customer's top categories, against echo chambers.")
          .define(PROBABILITY_DRAWS, Type.INT, 200, Range.between(10, 100_000), LOW,
              "Redraws used to estimate the selection probability recorded with each decision.")
          .define(PRIOR_RATE, Type.DOUBLE, 0.05, Range.between(0.0001, 0.9999), LOW,
              "Response rate assumed for an offer before anyone answered it.")
          .define(PRIOR_STRENGTH, Type.DOUBLE, 20.0, Range.between(0.1, 10_000), LOW,
              "How many observations the global prior (the offer's own record) weighs against a customer's answers.")
          .define(TIMER_INTERVAL_MS, Type.LONG, MINUTE, Range.atLeast(1_000), LOW,
              "How often, in stream time, abandoned carts, digests and closed attribution windows are looked for.")
          .define(MAX_NEIGHBOURS, Type.INT, 20, Range.between(1, 1000), LOW,
              "Co-purchase neighbours kept per product.")
          .define(MAX_BASKET_PRODUCTS, Type.INT, 20, Range.between(2, 200), LOW,
              "Products of one basket that co-purchases learn from (pairs grow with the square).")
          .define(POPULARITY_WEIGHT, Type.DOUBLE, 0.05, Range.between(0, 100), MEDIUM,
              "Relevance: weight of a product's popularity (its decayed baskets, relative to the most bought product) "
                  + "added to the share of the customer's baskets that held it. Chosen on a validation cut.")
          .define(NEIGHBOUR_WEIGHT, Type.DOUBLE, 3.0, Range.between(0, 1000), MEDIUM,
              "Relevance of a product new to the customer: weight of its co-purchase neighbours among the customer's "
                  + "own products (normalised by both products' popularity). Chosen on a validation cut.")
          .define(INTEREST_WEIGHT, Type.DOUBLE, 0.25, Range.between(0, 100), MEDIUM,
              "Relevance of browsing interest (a product viewed but never bought, a category, a brand), relative to "
                  + "the customer's strongest. Not tuned on real data: the data set has no clicks.")
          .define(NEIGHBOUR_SEEDS, Type.INT, 10, Range.between(0, 1000), LOW,
              "The customer's most bought products (and cart) whose co-purchase neighbours are looked up.")
          .define(DECISION_POOL, Type.INT, 5, Range.between(1, 1000), MEDIUM,
              "A decision draws among this many of the most relevant eligible offers (relevance times a Thompson "
                  + "draw of the response).")
          .define(CONSENT_DEFAULT_PREFIX + "email", Type.STRING, "deny", DENY_OR_GRANT, MEDIUM,
              "Consent for email of a customer who has said nothing: deny, or grant where the law allows opt-out.")
          .define(CONSENT_DEFAULT_PREFIX + "sms", Type.STRING, "deny", DENY_OR_GRANT, MEDIUM,
              "Consent for sms of a customer who has said nothing: deny, or grant where the law allows opt-out.")
          .define(CONSENT_DEFAULT_PREFIX + "push", Type.STRING, "deny", DENY_OR_GRANT, MEDIUM,
              "Consent for push of a customer who has said nothing: deny, or grant where the law allows opt-out.")
          .define(CONSENT_DEFAULT_PREFIX + "ad", Type.STRING, "deny", DENY_OR_GRANT, MEDIUM,
              "Consent for ad of a customer who has said nothing: deny, or grant where the law allows opt-out.")
          .define(CONSENT_DEFAULT_PREFIX + "web", Type.STRING, "deny", DENY_OR_GRANT, MEDIUM,
              "Consent for web of a customer who has said nothing: deny, or grant where the law allows opt-out.")
          .define(CONSENT_DEFAULT_PREFIX + "pos", Type.STRING, "deny", DENY_OR_GRANT, MEDIUM,
              "Consent for pos of a customer who has said nothing: deny, or grant where the law allows opt-out.")
          .define(AD_PSEUDONYM_KEY, Type.PASSWORD, "", HIGH,
              "Secret of the HMAC that keys ad offers (ad-offers topic); required when a trigger sends to the ad channel. "
                  + "Never written to Kafka or to state.")
          .define(INACTIVE_RETENTION_MS, Type.LONG, 730 * DAY, Range.atLeast(DAY), MEDIUM,
              "A customer inactive this long (stream time) is erased, like on request.")
          .define(CHANGELOG_MAX_COMPACTION_LAG_MS, Type.LONG, DAY, Range.atLeast(1_000), MEDIUM,
              "Changelog max.compaction.lag.ms: an erased value is compacted away within about this time.")
          .define(CHANGELOG_SEGMENT_MS, Type.LONG, HOUR, Range.atLeast(1_000), LOW,
              "Changelog segment.ms: segments roll this often, so that compaction reaches recent tombstones.")
          .define(OUTPUT_FORMAT, Type.STRING, "avro", ValidString.in(OutputFormat.allowed().toArray(String[]::new)),
              MEDIUM, "How personalized-offers and ad-offers are written: avro (single-object encoding, no registry), "
                  + "json (UTF-8, as persona consume prints), or registry (Avro framed for an Apicurio registry).")
          .define(OUTPUT_REGISTRY_URL, Type.STRING, "", MEDIUM,
              "URL of the Apicurio registry the registry format registers and looks up schemas at, such as "
                  + "http://registry:8080/apis/registry/v3; required by output.format=registry.")
          .define(TOPICS_PREFIX, Type.STRING, "", LOW,
              "Put before the name of every Persona topic not named by topics.name.<topic> (for a shared cluster)."));

  private ConfigKeys() {}

  /** The key naming topic {@code role} explicitly: {@code topics.name.pos.transactions} for pos-transactions. */
  public static String topicNameKey(String role) {
    return TOPIC_NAME_PREFIX + role.replace('-', '.');
  }

  private static ConfigDef withTopicNames(ConfigDef definition) {
    for (String role : TopicNames.roles()) {
      definition.define(topicNameKey(role), Type.STRING, "", LOW, "Full name of the " + role + " topic, "
          + "not prefixed (an existing topic is used as it is and never reconfigured); empty: <topics.prefix>" + role + ".");
    }
    return definition;
  }
}
