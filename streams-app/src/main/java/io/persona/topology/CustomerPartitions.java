package io.persona.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition holds a customer: the default partitioner's choice for the customer id as key. Topics keyed by
 * customer id get it for free; {@code consent-changes}, keyed {@code <customerId>/<channel>} so that compaction keeps
 * each channel, must be written to this partition explicitly (the CLI and the app do).
 */
public final class CustomerPartitions {
  /** Separates the customer id from the rest of a composite key. */
  public static final char SEPARATOR = '/';

  private CustomerPartitions() {}

  public static int of(String customerId, int partitions) {
    return Utils.toPositive(Utils.murmur2(customerId.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** The customer id of a composite key such as {@code c-1/EMAIL}. */
  public static String customerOf(String compositeKey) {
    int separator = compositeKey.lastIndexOf(SEPARATOR);
    return separator < 0 ? compositeKey : compositeKey.substring(0, separator);
  }

  public static String consentKey(String customerId, Object channel) {
    return customerId + SEPARATOR + channel;
  }
}
