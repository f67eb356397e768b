package io.persona.privacy;

import io.persona.avro.Channel;
import java.time.Duration;
import java.util.Map;

/**
 * How personal data is guarded.
 *
 * @param consentDefaults consent of a channel the customer has said nothing about (deny unless configured)
 * @param adPseudonymKey secret of the HMAC that keys ad offers; never written to Kafka or to state. Empty when no
 *     trigger sends to the ad channel
 * @param inactiveRetention a customer inactive this long (stream time) is erased like on request
 * @param maxCompactionLag a deleted (tombstoned) value is compacted away from a changelog within about this long
 * @param segmentRoll changelog segments roll at least this often, so that compaction can reach recent tombstones
 */
public record PrivacySettings(
    Map<Channel, Boolean> consentDefaults,
    String adPseudonymKey,
    Duration inactiveRetention,
    Duration maxCompactionLag,
    Duration segmentRoll) {

  public PrivacySettings {
    consentDefaults = Map.copyOf(consentDefaults);
  }

  public Consents consents() {
    return new Consents(consentDefaults);
  }

  /** Changelog topic configs that bound how long an erased value physically survives. */
  public Map<String, String> changelogConfigs() {
    return Map.of("max.compaction.lag.ms", Long.toString(maxCompactionLag.toMillis()),
        "segment.ms", Long.toString(segmentRoll.toMillis()));
  }

  @Override
  public String toString() {
    return "PrivacySettings[consentDefaults=" + consentDefaults + ", adPseudonymKey=" + (adPseudonymKey.isEmpty()
        ? "(none)" : "(set)") + ", inactiveRetention=" + inactiveRetention + ", maxCompactionLag=" + maxCompactionLag
        + ", segmentRoll=" + segmentRoll + "]";
  }
}
