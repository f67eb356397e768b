package io.persona.ingest;

import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Passes valid events on; throws {@link InvalidEventException} for the others, which the processing exception
 * handler turns into a dead-letter record carrying the original bytes and the reason.
 *
 * <p>An event is too late against the newest one passed before it in its own input partition (this processor's task
 * reads one partition of its topic), not against the task's stream time: the task also reads other topics, and it
 * does not wait for a partition whose records are still on the brokers (see {@code events.order.wait.ms}), so in a
 * fast replay one topic's stream time can run days ahead of another's without any event being late. The partition
 * time is kept in memory: after a restart, lateness is judged again from the first record on.
 *
 * <p>In and out: the same key and value. No store.
 */
public final class ValidateProcessor<V> implements FixedKeyProcessor<String, V, V> {
  /** The rule: why an event is invalid, or empty. */
  @FunctionalInterface
  public interface Rule<V> {
    Optional<String> check(String key, V value, long recordTime, long streamTime);
  }

  private final Rule<V> rule;
  private final Runnable onRejected;
  private final boolean deadLetters;
  private FixedKeyProcessorContext<String, V> context;
  private long partitionTime = -1;

  /** @param onRejected told of each record sent to the dead letters (a metric) */
  public ValidateProcessor(Rule<V> rule, Runnable onRejected) {
    this(rule, onRejected, true);
  }

  private ValidateProcessor(Rule<V> rule, Runnable onRejected, boolean deadLetters) {
    this.rule = rule;
    this.onRejected = onRejected;
    this.deadLetters = deadLetters;
  }

  /** Passes valid events on and drops the others: for a second reader of a topic whose first dead-letters them. */
  public static <V> ValidateProcessor<V> dropping(Rule<V> rule) {
    return new ValidateProcessor<>(rule, () -> { }, false);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, V> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, V> record) {
    Optional<String> reason = record.value() == null ? Optional.of("record value is missing")
        : rule.check(record.key(), record.value(), record.timestamp(), partitionTime);
    if (reason.isPresent()) {
      if (!deadLetters) {
        return;
      }
      onRejected.run();
      throw new InvalidEventException(reason.get());
    }
    partitionTime = Math.max(partitionTime, record.timestamp());
    context.forward(record);
  }
}
