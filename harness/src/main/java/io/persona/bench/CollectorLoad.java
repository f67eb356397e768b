package io.persona.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.persona.avro.ClickEvent;
import io.persona.topology.Topics;
import io.persona.topology.WholeTopic;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Load on the HTTP collector: clients post batches of Segment events as fast as it answers, for a bounded count and
 * time; optionally the broker is restarted part way. Every event of a batch answered 202 is remembered, and at the
 * end {@code clickstream} is read to its end: an acknowledged event missing there was lost.
 */
public final class CollectorLoad {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param restart a shell command that restarts the broker, run after {@code restartAfter}; null for none
   */
  public record Plan(URI collector, String writeKey, long events, Duration limit, int clients, int batch,
      String restart, Duration restartAfter, String run) {}

  /** What happened, by request outcome; {@code lost} are acknowledged events not found in the topic. */
  public record Result(long accepted, long refused, long unavailable, long failed, double seconds,
      Histogram latencyMicros, long lost, long found, long acceptedBeforeRestart, double secondsBeforeRestart) {}

  private CollectorLoad() {}

  public static Result run(Plan plan, Map<String, Object> consumerSettings, String clickstream, PrintWriter out)
      throws Exception {
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicLong next = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicLong unavailable = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    Recorder latency = new Recorder(3);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    long start = System.nanoTime();
    long end = start + plan.limit().toNanos();
    long[] beforeRestart = {-1, 0};
    Thread restarter = plan.restart() == null ? null : new Thread(() -> restart(plan, start, out, () -> {
      beforeRestart[0] = acknowledged.size();
      beforeRestart[1] = System.nanoTime() - start;
    }), "broker-restart");
    if (restarter != null) {
      restarter.start();
    }
    ExecutorService clients = Executors.newFixedThreadPool(plan.clients());
    for (int c = 0; c < plan.clients(); c++) {
      SplittableRandom random = new SplittableRandom(c);
      clients.submit(() -> {
        while (System.nanoTime() < end) {
          long first = next.getAndAdd(plan.batch());
          if (first >= plan.events()) {
            return null;
          }
          int size = (int) Math.min(plan.batch(), plan.events() - first);
          List<String> ids = new ArrayList<>(size);
          String body = batch(plan, first, size, random, ids);
          long sent = System.nanoTime();
          try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(plan.collector().resolve("/v1/batch"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            switch (response.statusCode()) {
              case 202 -> {
                acknowledged.addAll(ids);
                latency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1_000));
              }
              case 503 -> {
                unavailable.addAndGet(size);
                Thread.sleep(200); // as the Retry-After asks, shortened: the run is bounded
              }
              default -> refused.addAndGet(size);
            }
          } catch (IOException e) {
            failed.addAndGet(size);
          }
        }
        return null;
      });
    }
    Thread progress = new Thread(() -> report(acknowledged, unavailable, start, end, out), "load-progress");
    progress.setDaemon(true);
    progress.start();
    clients.shutdown();
    clients.awaitTermination(plan.limit().toSeconds() + 60, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (restarter != null) {
      restarter.join();
    }
    progress.interrupt();
    out.printf("%nreading %s to its end to look for the %,d acknowledged events...%n", clickstream, acknowledged.size());
    out.flush();
    Set<String> found = found(consumerSettings, clickstream, plan.run());
    long lost = acknowledged.stream().filter(id -> !found.contains(id)).count();
    return new Result(acknowledged.size(), refused.get(), unavailable.get(), failed.get(), seconds,
        latency.getIntervalHistogram(), lost, found.size(), beforeRestart[0], beforeRestart[1] / 1e9);
  }

  private static String batch(Plan plan, long first, int size, SplittableRandom random, List<String> ids) {
    ObjectNode request = JSON.createObjectNode().put("writeKey", plan.writeKey());
    ArrayNode events = request.putArray("batch");
    String now = Instant.now().toString();
    for (int i = 0; i < size; i++) {
      String id = plan.run() + "-" + (first + i);
      ids.add(id);
      int device = random.nextInt(10_000);
      ObjectNode event = events.addObject().put("type", "track").put("messageId", id)
          .put("anonymousId", "load-device-" + device).put("timestamp", now);
      boolean add = random.nextInt(10) == 0;
      event.put("event", add ? "Product Added" : "Product Viewed");
      event.putObject("properties").put("product_id", "p-" + random.nextInt(500))
          .put("category", "c-" + random.nextInt(20)).put("price", 1 + random.nextInt(100));
      event.putObject("context").put("sessionId", "load-session-" + device);
    }
    return request.toString();
  }

  private static void restart(Plan plan, long start, PrintWriter out, Runnable beforeIt) {
    try {
      Thread.sleep(Math.max(0, plan.restartAfter().toMillis() - (System.nanoTime() - start) / 1_000_000));
      beforeIt.run();
      out.printf("%n==> restarting the broker at %.1f s: %s%n", (System.nanoTime() - start) / 1e9, plan.restart());
      out.flush();
      Process process = new ProcessBuilder("bash", "-c", plan.restart()).redirectErrorStream(true).start();
      process.getInputStream().transferTo(OutputStream.nullOutputStream());
      process.waitFor();
      out.printf("%n==> broker back at %.1f s (exit %d)%n", (System.nanoTime() - start) / 1e9, process.exitValue());
      out.flush();
    } catch (IOException e) {
      out.printf("%nthe broker restart failed: %s%n", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void report(Set<String> acknowledged, AtomicLong unavailable, long start, long end, PrintWriter out) {
    long last = 0;
    try {
      while (System.nanoTime() < end) {
        Thread.sleep(1_000);
        long now = acknowledged.size();
        out.printf("\r  %4.0f s  %,d events acknowledged (%,d/s in the last second), %,d answered 503     ",
            (System.nanoTime() - start) / 1e9, now, now - last, unavailable.get());
        out.flush();
        last = now;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The event ids of this run in the topic, read_committed, to its end. */
  private static Set<String> found(Map<String, Object> consumerSettings, String topic, String run) {
    Map<String, Object> settings = new HashMap<>(consumerSettings);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Set<String> found = new HashSet<>();
    String prefix = run + "-";
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      WholeTopic.readToEnd(consumer, topic, record -> {
        ClickEvent click = Topics.CLICKSTREAM.valueSerde().decode(record.value());
        if (click.getEventId().startsWith(prefix)) {
          found.add(click.getEventId());
        }
      });
    }
    return found;
  }
}
