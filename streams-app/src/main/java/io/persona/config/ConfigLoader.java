package io.persona.config;

import static io.persona.config.ConfigKeys.DEFINITION;
import static io.persona.config.ConfigKeys.KAFKA_PREFIX;

import io.persona.avro.Channel;
import io.persona.avro.ClickEventType;
import io.persona.identity.IdentitySettings;
import io.persona.ingest.CollectorSettings;
import io.persona.ingest.EventValidator;
import io.persona.privacy.PrivacySettings;
import io.persona.profile.ProfileSettings;
import io.persona.serde.OutputFormat;
import io.persona.serde.OutputSettings;
import io.persona.serve.ApiTls;
import io.persona.serve.ApiTokens;
import io.persona.topology.TopicNames;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.config.types.Password;

/**
 * Loads configuration with the precedence defaults &lt; properties file &lt; environment variables. An environment
 * variable {@code PERSONA_TOPICS_PARTITIONS} sets key {@code topics.partitions}; {@code PERSONA_CONFIG_FILE} names the
 * file. Any unknown key or invalid value is rejected, naming the key, its source and what is allowed.
 */
public final class ConfigLoader {
  public static final String ENV_PREFIX = "PERSONA_";
  public static final String CONFIG_FILE_ENV = "PERSONA_CONFIG_FILE";
  /** PERSONA_ variables read by other parts (log level, the broker script's cache), not configuration keys. */
  private static final Set<String> NOT_KEYS = Set.of(CONFIG_FILE_ENV, "PERSONA_LOG_LEVEL", "PERSONA_CACHE");

  private ConfigLoader() {}

  /** Loads from the process environment and the file it names, if any. */
  public static PersonaConfig fromEnvironment() {
    return load(System.getenv(), null);
  }

  /**
   * @param file a properties file; when null, the file named by {@code PERSONA_CONFIG_FILE} in {@code env}, if set
   */
  public static PersonaConfig load(Map<String, String> env, Path file) {
    Path configFile = file != null ? file : envFile(env);
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    if (configFile != null) {
      readFile(configFile).forEach((key, value) -> put(values, sources, key, value, "file " + configFile));
    }
    new TreeMap<>(env)
        .forEach((name, value) -> {
          if (name.startsWith(ENV_PREFIX) && !NOT_KEYS.contains(name)) {
            put(values, sources, keyOf(name), value, "environment variable " + name);
          }
        });
    return build(values, sources);
  }

  /** The environment variable that sets {@code key}. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private static String keyOf(String envName) {
    return envName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private static Path envFile(Map<String, String> env) {
    String name = env.get(CONFIG_FILE_ENV);
    return name == null || name.isBlank() ? null : Path.of(name);
  }

  private static Map<String, String> readFile(Path file) {
    if (!Files.isReadable(file)) {
      throw new ConfigException("configuration file " + file + " does not exist or cannot be read");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("configuration file " + file + " is not a valid properties file: " + e.getMessage());
    }
    Map<String, String> values = new TreeMap<>();
    properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
    return values;
  }

  private static void put(Map<String, String> values, Map<String, String> sources, String key, String value,
      String source) {
    if (key.startsWith(KAFKA_PREFIX)) {
      KafkaOverrides.requireKnown(key, source);
    } else if (!DEFINITION.names().contains(key)) {
      throw new ConfigException("unknown configuration key '" + key + "' (from " + source + "); known keys: "
          + String.join(", ", new TreeMap<>(DEFINITION.configKeys()).keySet()) + ", and kafka.<any Kafka Streams setting>");
    }
    values.put(key, value);
    sources.put(key, source);
  }

  private static PersonaConfig build(Map<String, String> values, Map<String, String> sources) {
    Map<String, String> own = new LinkedHashMap<>();
    Map<String, String> kafka = new LinkedHashMap<>();
    values.forEach((key, value) -> {
      if (key.startsWith(KAFKA_PREFIX)) {
        kafka.put(key.substring(KAFKA_PREFIX.length()), value);
      } else {
        validate(key, value, sources.get(key));
        own.put(key, value);
      }
    });
    Map<String, Object> parsed = DEFINITION.parse(own);
    return new PersonaConfig(
        (String) parsed.get(ConfigKeys.BOOTSTRAP_SERVERS),
        (String) parsed.get(ConfigKeys.APPLICATION_ID),
        Path.of((String) parsed.get(ConfigKeys.STATE_DIR)),
        (String) parsed.get(ConfigKeys.PROCESSING_GUARANTEE),
        (Integer) parsed.get(ConfigKeys.NUM_STREAM_THREADS),
        (Integer) parsed.get(ConfigKeys.TOPICS_PARTITIONS),
        (Short) parsed.get(ConfigKeys.TOPICS_REPLICATION_FACTOR),
        (Boolean) parsed.get(ConfigKeys.TOPICS_CREATE),
        topicNames(parsed),
        Duration.ofMillis((Long) parsed.get(ConfigKeys.SHUTDOWN_TIMEOUT_MS)),
        kafka,
        profileSettings(parsed),
        new IdentitySettings(
            (Integer) parsed.get(ConfigKeys.MAX_CUSTOMERS_PER_DEVICE),
            millis(parsed, ConfigKeys.LINK_TTL_MS),
            millis(parsed, ConfigKeys.ANONYMOUS_TTL_MS),
            (Integer) parsed.get(ConfigKeys.ANONYMOUS_MAX_ENTRIES)),
        events(parsed),
        millis(parsed, ConfigKeys.EXPIRY_SCAN_INTERVAL_MS),
        millis(parsed, ConfigKeys.ORDER_WAIT_MS),
        millis(parsed, ConfigKeys.LEARNING_COMMIT_INTERVAL_MS),
        OfferSettingsParser.parse(parsed),
        privacy(parsed),
        (String) parsed.get(ConfigKeys.SERVER_HOST),
        (Integer) parsed.get(ConfigKeys.SERVER_PORT),
        advertisedHost(parsed),
        apiTokens(parsed),
        apiTls(parsed),
        collector(parsed),
        output(parsed));
  }

  @SuppressWarnings("unchecked")
  private static OutputSettings output(Map<String, Object> parsed) {
    OutputFormat format = OutputFormat.of((String) parsed.get(ConfigKeys.OUTPUT_FORMAT));
    String url = ((String) parsed.get(ConfigKeys.OUTPUT_REGISTRY_URL)).trim();
    if (format == OutputFormat.REGISTRY && url.isEmpty()) {
      throw new ConfigException(ConfigKeys.OUTPUT_FORMAT + "=registry needs " + ConfigKeys.OUTPUT_REGISTRY_URL + " (or "
          + envName(ConfigKeys.OUTPUT_REGISTRY_URL) + "): the URL of the Apicurio registry, such as "
          + "http://registry:8080/apis/registry/v3");
    }
    return new OutputSettings(format, url);
  }

  private static CollectorSettings collector(Map<String, Object> parsed) {
    return new CollectorSettings((Boolean) parsed.get(ConfigKeys.COLLECTOR_ENABLED),
        Set.copyOf(tokens(((Password) parsed.get(ConfigKeys.COLLECTOR_WRITE_KEYS)).value())),
        ((List<String>) parsed.get(ConfigKeys.COLLECTOR_ALLOWED_ORIGINS)).stream().map(String::trim).toList(),
        millis(parsed, ConfigKeys.COLLECTOR_ACK_TIMEOUT_MS),
        (Integer) parsed.get(ConfigKeys.COLLECTOR_MAX_REQUEST_BYTES));
  }

  private static TopicNames topicNames(Map<String, Object> parsed) {
    Map<String, String> explicit = new LinkedHashMap<>();
    for (String role : TopicNames.roles()) {
      String name = ((String) parsed.get(ConfigKeys.topicNameKey(role))).trim();
      if (!name.isEmpty()) {
        explicit.put(role, name);
      }
    }
    try {
      return new TopicNames(((String) parsed.get(ConfigKeys.TOPICS_PREFIX)).trim(), explicit);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ConfigKeys.TOPICS_PREFIX + " / " + ConfigKeys.TOPIC_NAME_PREFIX + "<topic>: "
          + e.getMessage());
    }
  }

  private static ApiTls apiTls(Map<String, Object> parsed) {
    String keystore = ((String) parsed.get(ConfigKeys.SERVER_TLS_KEYSTORE)).trim();
    if (keystore.isEmpty()) {
      return null;
    }
    String truststore = ((String) parsed.get(ConfigKeys.SERVER_TLS_TRUSTSTORE)).trim();
    try {
      return ApiTls.load(Path.of(keystore),
          ((Password) parsed.get(ConfigKeys.SERVER_TLS_KEYSTORE_PASSWORD)).value().toCharArray(),
          (String) parsed.get(ConfigKeys.SERVER_TLS_STORE_TYPE),
          truststore.isEmpty() ? null : Path.of(truststore),
          ((Password) parsed.get(ConfigKeys.SERVER_TLS_TRUSTSTORE_PASSWORD)).value().toCharArray());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ConfigKeys.SERVER_TLS_KEYSTORE + " / " + ConfigKeys.SERVER_TLS_TRUSTSTORE + ": "
          + e.getMessage());
    }
  }

  /** Bound to every interface, an instance must say where the others can reach it. */
  private static String advertisedHost(Map<String, Object> parsed) {
    String bind = (String) parsed.get(ConfigKeys.SERVER_HOST);
    String advertised = ((String) parsed.get(ConfigKeys.SERVER_ADVERTISED_HOST)).trim();
    if (!advertised.isEmpty()) {
      return advertised;
    }
    if (bind.equals("0.0.0.0") || bind.equals("::")) {
      throw new ConfigException(ConfigKeys.SERVER_HOST + "=" + bind + " binds every interface, which other instances "
          + "cannot connect to: set " + ConfigKeys.SERVER_ADVERTISED_HOST + " (" + envName(ConfigKeys.SERVER_ADVERTISED_HOST)
          + ") to this instance's routable host name or address");
    }
    return bind;
  }

  private static ApiTokens apiTokens(Map<String, Object> parsed) {
    List<String> full = new ArrayList<>(tokens(((Password) parsed.get(ConfigKeys.SERVER_AUTH_TOKENS)).value()));
    String file = ((String) parsed.get(ConfigKeys.SERVER_AUTH_TOKENS_FILE)).trim();
    if (!file.isEmpty()) {
      try {
        Files.readAllLines(Path.of(file)).stream().map(String::trim)
            .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(full::add);
      } catch (IOException e) {
        throw new ConfigException(ConfigKeys.SERVER_AUTH_TOKENS_FILE + ": cannot read " + file + " ("
            + e.getClass().getSimpleName() + ")");
      }
    }
    return new ApiTokens(full, tokens(((Password) parsed.get(ConfigKeys.SERVER_AUTH_OFFER_TOKENS)).value()));
  }

  private static List<String> tokens(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
  }

  private static PrivacySettings privacy(Map<String, Object> parsed) {
    Map<Channel, Boolean> defaults = new EnumMap<>(Channel.class);
    for (Channel channel : Channel.values()) {
      Object value = parsed.get(ConfigKeys.CONSENT_DEFAULT_PREFIX + channel.name().toLowerCase(Locale.ROOT));
      if (value != null) {
        defaults.put(channel, value.equals("grant"));
      }
    }
    String adKey = ((Password) parsed.get(ConfigKeys.AD_PSEUDONYM_KEY)).value();
    boolean adInUse = ConfigKeys.DEFINITION.names().stream()
        .filter(key -> key.startsWith(ConfigKeys.TRIGGER_CHANNEL_PREFIX)).anyMatch(key -> "ad".equals(parsed.get(key)));
    if (adInUse && adKey.isBlank()) {
      throw new ConfigException("a trigger sends to the ad channel, so " + ConfigKeys.AD_PSEUDONYM_KEY + " must be set (or "
          + envName(ConfigKeys.AD_PSEUDONYM_KEY) + "): ad offers are keyed by an HMAC of the customer id with it. "
          + "Use a long random secret and keep it out of Kafka");
    }
    return new PrivacySettings(defaults, adKey, millis(parsed, ConfigKeys.INACTIVE_RETENTION_MS),
        millis(parsed, ConfigKeys.CHANGELOG_MAX_COMPACTION_LAG_MS), millis(parsed, ConfigKeys.CHANGELOG_SEGMENT_MS));
  }

  private static EventValidator events(Map<String, Object> parsed) {
    Duration maxFuture = millis(parsed, ConfigKeys.MAX_FUTURE_MS);
    Duration grace = millis(parsed, ConfigKeys.GRACE_MS);
    if (grace.compareTo(maxFuture) < 0) {
      // An event accepted that far ahead moves stream time with it; on-time events must still be within grace.
      throw new ConfigException(ConfigKeys.GRACE_MS + " (" + grace.toMillis() + ") must be at least "
          + ConfigKeys.MAX_FUTURE_MS + " (" + maxFuture.toMillis() + ")");
    }
    return new EventValidator(maxFuture, grace);
  }

  private static ProfileSettings profileSettings(Map<String, Object> parsed) {
    Map<ClickEventType, Double> weights = new EnumMap<>(ClickEventType.class);
    for (ClickEventType type : ClickEventType.values()) {
      String key = ConfigKeys.WEIGHT_PREFIX + type.name().toLowerCase(Locale.ROOT).replace('_', '.');
      if (parsed.containsKey(key)) {
        weights.put(type, (Double) parsed.get(key));
      }
    }
    return new ProfileSettings(
        millis(parsed, ConfigKeys.HALF_LIFE_MS),
        (Integer) parsed.get(ConfigKeys.MAX_CATEGORIES),
        (Integer) parsed.get(ConfigKeys.MAX_BRANDS),
        (Integer) parsed.get(ConfigKeys.MAX_PRODUCTS),
        (Integer) parsed.get(ConfigKeys.MAX_PURCHASE_CYCLES),
        weights,
        (Double) parsed.get(ConfigKeys.PURCHASE_WEIGHT),
        (Double) parsed.get(ConfigKeys.LTV_HORIZON_YEARS),
        millis(parsed, ConfigKeys.DEDUP_WINDOW_MS),
        (Integer) parsed.get(ConfigKeys.DEDUP_MAX_REMEMBERED));
  }

  private static Duration millis(Map<String, Object> parsed, String key) {
    return Duration.ofMillis((Long) parsed.get(key));
  }

  private static void validate(String key, String value, String source) {
    try {
      DEFINITION.parse(Map.of(key, value));
    } catch (org.apache.kafka.common.config.ConfigException e) {
      throw new ConfigException("invalid value '" + value + "' for " + key + " (from " + source + "): "
          + e.getMessage() + ". Allowed: " + allowed(key));
    }
  }

  private static String allowed(String key) {
    var definition = DEFINITION.configKeys().get(key);
    String validator = definition.validator == null ? definition.type.name().toLowerCase(Locale.ROOT)
        : definition.validator.toString();
    return validator + " (" + definition.documentation + ")";
  }
}
