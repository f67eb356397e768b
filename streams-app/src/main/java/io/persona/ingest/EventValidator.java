package io.persona.ingest;

import io.persona.avro.Channel;
import io.persona.avro.ClickEvent;
import io.persona.avro.ClickEventType;
import io.persona.avro.ConsentChange;
import io.persona.avro.LineItem;
import io.persona.avro.PosTransaction;
import io.persona.topology.CustomerPartitions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rules an event must meet beyond its schema. Times are judged against the log, never the wall clock: an event
 * time far ahead of the record's arrival is rejected (it would drag stream time along), one far behind stream time
 * is too late.
 *
 * @param maxFuture how far ahead of stream time an event time may be
 * @param grace how far behind stream time an event may still arrive
 */
public record EventValidator(Duration maxFuture, Duration grace) {

  /**
   * Why the click is invalid, or empty. {@code key} may be null (it is then wrong); {@code recordTime} is the time
   * the extractor gave the record.
   */
  public Optional<String> check(String key, ClickEvent click, long recordTime, long streamTime) {
    if (key == null || !(key.equals(click.getAnonymousId()) || key.equals(click.getCustomerId()))) {
      return reason("record key must be the customerId (logged in) or the anonymousId");
    }
    if (click.getType() == ClickEventType.UNKNOWN) {
      return reason("type is UNKNOWN (a type this version does not know)");
    }
    if (click.getEventId().isBlank() || click.getAnonymousId().isBlank() || click.getSessionId().isBlank()) {
      return reason("eventId, anonymousId and sessionId must not be blank");
    }
    if (click.getCustomerId() != null && click.getCustomerId().isBlank()) {
      return reason("customerId must not be blank (null when unknown)");
    }
    if (click.getPrice() != null && !isAmount(click.getPrice())) {
      return reason("price must be a finite number >= 0");
    }
    if (click.getQuantity() != null && click.getQuantity() <= 0) {
      return reason("quantity must be > 0");
    }
    return checkTime(click.getEventTime(), recordTime, streamTime);
  }

  public Optional<String> check(String key, PosTransaction basket, long recordTime, long streamTime) {
    if (basket.getCustomerId() != null && !basket.getCustomerId().equals(key)) {
      // An anonymous basket (no customerId) may come with any key, or none.
      return reason("record key does not match customerId");
    }
    if (basket.getCustomerId() != null && basket.getCustomerId().isBlank()) {
      return reason("customerId must not be blank (null for an anonymous basket)");
    }
    if (basket.getTransactionId().isBlank() || basket.getStoreId().isBlank()) {
      return reason("transactionId and storeId must not be blank");
    }
    if (basket.getLineItems().isEmpty()) {
      return reason("lineItems must not be empty");
    }
    if (!Double.isFinite(basket.getTotal())) {
      return reason("total must be a finite number");
    }
    for (int i = 0; i < basket.getLineItems().size(); i++) {
      Optional<String> line = check(basket.getLineItems().get(i));
      if (line.isPresent()) {
        return reason("lineItems[" + i + "]." + line.get());
      }
    }
    return checkTime(basket.getEventTime(), recordTime, streamTime);
  }

  /**
   * A consent change must be keyed {@code <customerId>/<channel>} and name a channel. It is never too late: a
   * withdrawal that arrives late still takes effect from then on.
   */
  public Optional<String> check(String key, ConsentChange change, long recordTime) {
    if (change.getChannel() == Channel.UNKNOWN) {
      return reason("channel must be a known channel");
    }
    if (!CustomerPartitions.consentKey(change.getCustomerId(), change.getChannel()).equals(key)) {
      return reason("record key must be <customerId>/<channel>");
    }
    if (change.getChangedAt().toEpochMilli() > recordTime + maxFuture.toMillis()) {
      return reason("changedAt is more than " + maxFuture + " ahead of its arrival");
    }
    return Optional.empty();
  }

  private static Optional<String> check(LineItem line) {
    if (line.getProductId().isBlank()) {
      return Optional.of("productId must not be blank");
    }
    if (line.getQuantity() == 0) {
      return Optional.of("quantity must not be 0 (negative is a return)");
    }
    if (!isAmount(line.getUnitPrice())) {
      return Optional.of("unitPrice must be a finite number >= 0");
    }
    if (!isAmount(line.getDiscount())) {
      return Optional.of("discount must be a finite number >= 0");
    }
    return Optional.empty();
  }

  private Optional<String> checkTime(Instant eventTime, long recordTime, long streamTime) {
    long at = eventTime.toEpochMilli();
    if (at > recordTime + maxFuture.toMillis()) {
      return reason("eventTime is more than " + maxFuture + " ahead of its arrival");
    }
    if (streamTime >= 0 && at < streamTime - grace.toMillis()) {
      return reason("eventTime is more than the grace period of " + grace
          + " behind the newest event of its partition");
    }
    return Optional.empty();
  }

  private static boolean isAmount(double value) {
    return Double.isFinite(value) && value >= 0;
  }

  private static Optional<String> reason(String reason) {
    return Optional.of(reason);
  }
}
