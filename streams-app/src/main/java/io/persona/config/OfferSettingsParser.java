package io.persona.config;

import io.persona.avro.Channel;
import io.persona.avro.OfferTrigger;
import io.persona.decide.FrequencyCaps;
import io.persona.decide.OfferSettings;
import io.persona.decide.RelevanceWeights;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Builds {@link OfferSettings} from parsed {@code offers.*} keys. */
final class OfferSettingsParser {
  private OfferSettingsParser() {}

  static OfferSettings parse(Map<String, Object> parsed) {
    return new OfferSettings(
        triggerChannels(parsed),
        caps(parsed),
        millis(parsed, ConfigKeys.CART_ABANDONED_AFTER_MS),
        (Double) parsed.get(ConfigKeys.SPIKE_THRESHOLD),
        millis(parsed, ConfigKeys.DIGEST_INTERVAL_MS),
        millis(parsed, ConfigKeys.COOLDOWN_MS),
        millis(parsed, ConfigKeys.NO_REOFFER_AFTER_REDEMPTION_MS),
        millis(parsed, ConfigKeys.ATTRIBUTION_WINDOW_MS),
        millis(parsed, ConfigKeys.VALIDITY_MS),
        (Double) parsed.get(ConfigKeys.HOLDOUT_PERCENT),
        (Double) parsed.get(ConfigKeys.DIVERSITY_SHARE),
        (Integer) parsed.get(ConfigKeys.PROBABILITY_DRAWS),
        (Double) parsed.get(ConfigKeys.PRIOR_RATE),
        (Double) parsed.get(ConfigKeys.PRIOR_STRENGTH),
        millis(parsed, ConfigKeys.TIMER_INTERVAL_MS),
        (Integer) parsed.get(ConfigKeys.MAX_NEIGHBOURS),
        (Integer) parsed.get(ConfigKeys.MAX_BASKET_PRODUCTS),
        new RelevanceWeights((Double) parsed.get(ConfigKeys.POPULARITY_WEIGHT),
            (Double) parsed.get(ConfigKeys.NEIGHBOUR_WEIGHT), (Double) parsed.get(ConfigKeys.INTEREST_WEIGHT),
            (Integer) parsed.get(ConfigKeys.NEIGHBOUR_SEEDS), (Integer) parsed.get(ConfigKeys.DECISION_POOL)));
  }

  /** {@code offers.trigger.cart.abandonment.channel} for CART_ABANDONMENT, and so on; "off" leaves it out. */
  private static Map<OfferTrigger, Channel> triggerChannels(Map<String, Object> parsed) {
    Map<OfferTrigger, Channel> channels = new EnumMap<>(OfferTrigger.class);
    for (OfferTrigger trigger : OfferTrigger.values()) {
      String key = ConfigKeys.TRIGGER_CHANNEL_PREFIX + dotted(trigger.name()) + ".channel";
      String value = (String) parsed.get(key);
      if (value != null && !value.equals("off")) {
        channels.put(trigger, Channel.valueOf(value.toUpperCase(Locale.ROOT)));
      }
    }
    return channels;
  }

  private static Map<Channel, FrequencyCaps> caps(Map<String, Object> parsed) {
    Map<Channel, FrequencyCaps> caps = new EnumMap<>(Channel.class);
    for (Channel channel : Channel.values()) {
      String key = ConfigKeys.CAP_PREFIX + channel.name().toLowerCase(Locale.ROOT);
      String spec = (String) parsed.get(key);
      if (spec != null) {
        try {
          caps.put(channel, FrequencyCaps.parse(spec));
        } catch (IllegalArgumentException e) {
          throw new ConfigException("invalid value '" + spec + "' for " + key + ": " + e.getMessage());
        }
      }
    }
    return caps;
  }

  private static String dotted(String enumName) {
    return enumName.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private static Duration millis(Map<String, Object> parsed, String key) {
    return Duration.ofMillis((Long) parsed.get(key));
  }
}
