package io.persona;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.persona.config.PersonaConfig;
import io.persona.config.StreamsProperties;
import io.persona.decide.OfferViews;
import io.persona.metrics.AppMetrics;
import io.persona.profile.Decay;
import io.persona.serve.OfferQueries;
import io.persona.topology.LearningTopology;
import io.persona.topology.PersonaTopology;
import io.persona.topology.TopicProvisioner;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance: topics provisioned, and two Kafka Streams applications in one process. The engine
 * ({@link PersonaTopology}) decides and sends offers; the learning app ({@link LearningTopology}) does what no offer
 * waits for, with its own transactions, so it never slows the engine's. Stopped by {@link #close()}.
 */
public final class PersonaApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PersonaApp.class);
  /** A failure that keeps coming back would otherwise abort and retry the same transaction forever. */
  private static final int MAX_THREAD_REPLACEMENTS = 3;
  private static final String GLOBAL_THREAD_SUFFIX = "-GlobalStreamThread";

  private final PersonaConfig config;
  private final KafkaStreams streams;
  private final KafkaStreams learning;
  private final OfferQueries queries;
  private final AppMetrics metrics;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicInteger threadReplacements = new AtomicInteger();
  /** Why the app stopped itself, when it knows what the user must fix. */
  private volatile String failure;
  private volatile boolean stoppedCleanly;

  private PersonaApp(PersonaConfig config) {
    this.config = config;
    OfferViews views = new OfferViews(new Decay(config.profile().halfLife()));
    this.metrics = new AppMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    this.streams = new KafkaStreams(PersonaTopology.build(config, views, metrics), StreamsProperties.of(config));
    this.learning = new KafkaStreams(LearningTopology.build(config), StreamsProperties.learning(config));
    new KafkaStreamsMetrics(streams).bindTo(metrics.registry());
    new KafkaStreamsMetrics(learning).bindTo(metrics.registry());
    new JvmMemoryMetrics().bindTo(metrics.registry());
    new JvmGcMetrics().bindTo(metrics.registry());
    this.queries = new OfferQueries(streams, config, views);
    streams.setStateListener(this::onStateChange);
    streams.setUncaughtExceptionHandler(this::onThreadFailure);
    learning.setStateListener(this::onLearningStateChange);
    learning.setUncaughtExceptionHandler(this::onThreadFailure);
  }

  /** Provisions topics and starts processing; returns at once (the app goes REBALANCING, then RUNNING). */
  public static PersonaApp start(PersonaConfig config) {
    TopicProvisioner.ensure(config);
    PersonaApp app = new PersonaApp(config);
    LOG.info("starting application.id={} processing.guarantee={} bootstrap.servers={}",
        config.applicationId(), config.processingGuarantee(), config.bootstrapServers());
    app.streams.start();
    return app;
  }

  public State state() {
    return streams.state();
  }

  /** Kafka Streams' metrics, the JVM's and the app's own, in Prometheus text format. */
  public String scrapeMetrics() {
    return ((PrometheusMeterRegistry) metrics.registry()).scrape();
  }

  /** Read-only questions to this instance's state: profiles, top offers, KPIs. */
  public OfferQueries queries() {
    return queries;
  }

  /** Blocks until the app has stopped, by {@link #close()} or because every stream thread died. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    LOG.info("stopping (up to {} ms)", config.shutdownTimeout().toMillis());
    boolean learningStopped = learning.close(config.shutdownTimeout());
    stoppedCleanly = streams.close(config.shutdownTimeout()) && learningStopped;
    LOG.info(stoppedCleanly ? "stopped cleanly" : "stop timed out after {} ms", config.shutdownTimeout().toMillis());
    stopped.countDown();
  }

  /** True once {@link #close()} has stopped every thread within the shutdown timeout. */
  public boolean stoppedCleanly() {
    return stoppedCleanly;
  }

  // Exception messages are ours or Kafka's and carry no record content.
  /** Why the app stopped itself, when it is something the user must fix (a missing ACL); otherwise empty. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  private StreamThreadExceptionResponse onThreadFailure(Throwable e) {
    if (Thread.currentThread().getName().endsWith(GLOBAL_THREAD_SUFFIX)) {
      // Kafka Streams can replace a stream thread but not the global one (asking it to throws ClassCastException
      // and leaves the client in PENDING_ERROR): stop, so that the process exits and its supervisor restarts it.
      LOG.error("global-store thread failed ({}); shutting down", e.getClass().getSimpleName(), e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    String denied = MissingAcl.describe(e, config.applicationId());
    if (denied != null) {
      // a replaced thread would be refused the same way: stop, saying what to grant
      failure = "Kafka refused Persona's principal " + denied + ". The ACLs it needs: README, Security, or "
          + "'persona acls'";
      LOG.error("{}; shutting down", failure);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    if (threadReplacements.incrementAndGet() > MAX_THREAD_REPLACEMENTS) {
      LOG.error("stream thread failed ({}) after {} replacements; shutting down", e.getClass().getSimpleName(),
          MAX_THREAD_REPLACEMENTS, e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    LOG.error("stream thread failed ({}); replacing it", e.getClass().getSimpleName(), e);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  private void onStateChange(State now, State before) {
    LOG.info("state {} -> {}", before, now);
    if (now == State.RUNNING && learning.state() == State.CREATED) {
      // the learning app reads the profile store's changelog, which the engine creates at its first rebalance
      learning.start();
    }
    if (now == State.ERROR || now == State.NOT_RUNNING) {
      stopped.countDown();
    }
  }

  private void onLearningStateChange(State now, State before) {
    LOG.info("learning app state {} -> {}", before, now);
    if (now == State.ERROR) {
      stopped.countDown(); // so that the process exits and its supervisor starts it again
    }
  }
}
