package io.persona.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.persona.avro.Channel;
import io.persona.avro.OfferTrigger;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The app's own counters, next to Kafka Streams' metrics: events by type, offers by trigger, channel and outcome,
 * records rejected to the dead letters by the validation step, and how long deciding takes. Labels are kinds, never
 * ids: a customer id must not become a label.
 */
public final class AppMetrics {
  private final MeterRegistry registry;
  private final Timer decisions;
  /** Counted on every event: looked up once per type, not through the registry each time. */
  private final Map<String, Counter> events = new ConcurrentHashMap<>();

  public AppMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.decisions = Timer.builder("persona.decision.latency")
        .description("Wall-clock time to decide one offer (candidates, guards, ranking)")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(10_000))
        .maximumExpectedValue(Duration.ofSeconds(1))
        .register(registry);
  }

  /** Counts into a registry nobody reads: for tests and tools that run the topology without serving metrics. */
  public static AppMetrics unobserved() {
    return new AppMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** {@code count} events of {@code type} folded into profiles (a login folds in every anonymous click before it). */
  public void events(String type, long count) {
    events.computeIfAbsent(type, t -> registry.counter("persona.events", "type", t)).increment(count);
  }

  public void offer(OfferTrigger trigger, Channel channel, String outcome) {
    registry.counter("persona.offers", "trigger", lower(trigger), "channel", lower(channel), "outcome", outcome)
        .increment();
  }

  /** Counts a step's dead letters; registered now, so that /metrics shows the step at zero before its first one. */
  public Runnable deadLetters(String step) {
    return registry.counter("persona.dead.letters", "step", step)::increment;
  }

  public Timer decisions() {
    return decisions;
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
