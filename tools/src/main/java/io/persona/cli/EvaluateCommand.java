package io.persona.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.persona.config.StreamsProperties;
import io.persona.evaluation.Baselines;
import io.persona.evaluation.Purchases;
import io.persona.evaluation.Scores;
import io.persona.replay.SaleLine;
import io.persona.topology.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Decision quality on real data: asks a running app (that has processed every basket before the cut and none after)
 * for each returning customer's top k offers through its HTTP API, and scores them, next to the baselines, against
 * what the customers bought after the cut.
 */
@Command(name = "evaluate", description = "Score the running app's top-k offers against purchases after a cut time, "
    + "next to mass-marketing and personal-frequency baselines.")
public final class EvaluateCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Mixin TransactionFileOptions source = new TransactionFileOptions();

  @Option(names = "--cut", required = true, description = "Cut time T: the app has seen every basket before it.")
  Instant cut;

  @Option(names = "--until", description = "Score only purchases before this time (a validation cut ends where "
      + "the reported period begins). Default: every purchase after the cut.")
  Instant until = Instant.MAX;

  @Option(names = "-k", description = "Offers per customer (default: ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--api", description = "The app's HTTP API (default: ${DEFAULT-VALUE}).")
  String api = "http://127.0.0.1:8080";

  @Option(names = "--channel", description = "Channel the offers are asked for (default: ${DEFAULT-VALUE}).")
  String channel = "email";

  @Option(names = "--wait-for-group", description = "First wait until this consumer group (the app's "
      + "application.id) and its learning app's (<application.id>-learning) have committed everything they read, "
      + "repartition topics included, so that the co-purchase learning and the offer KPIs have caught up too.")
  String waitForGroup;

  @Mixin BootstrapOption bootstrap = new BootstrapOption();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (waitForGroup != null) {
      awaitSettled(err);
    }
    List<SaleLine> lines = source.read(false).lines();
    Purchases purchases = Purchases.split(lines, cut, until);
    Set<String> returning = purchases.returning();
    int catalogSize = (int) lines.stream().filter(SaleLine::isCleanPurchase).map(SaleLine::product).distinct().count();
    err.printf("%,d customers bought before and after %s%s; asking %s for their top %d %s offers%n",
        returning.size(), cut, until.equals(Instant.MAX) ? "" : " (until " + until + ")", api, k, channel);
    Map<String, List<String>> engine = askEngine(returning, "top", err);
    err.printf("and for their discovery lists%n");
    Map<String, List<String>> discoveries = askEngine(returning, "discover", err);

    out.printf("%n%-58s %8s %8s %12s %9s%n", "policy (k=" + k + ", " + returning.size() + " customers)",
        "hit@" + k, "prec@" + k, "new hit@" + k, "coverage");
    row(out, "Persona (the running app's top k, via its API)",
        Scores.of(purchases, c -> engine.getOrDefault(c, List.of()), k, catalogSize));
    row(out, "Persona discovery list (products new to the customer)",
        Scores.of(purchases, c -> discoveries.getOrDefault(c, List.of()), k, catalogSize));
    row(out, "mass marketing: the k products most customers bought",
        Scores.of(purchases, Baselines.mostPopular(purchases, k), k, catalogSize));
    row(out, "personal frequency: the customer's k most bought",
        Scores.of(purchases, Baselines.personalFrequency(purchases, k), k, catalogSize));
    row(out, "  the same, ties to the more popular product",
        Scores.of(purchases, Baselines.personalFrequencyPopularFirst(purchases, k), k, catalogSize));
    row(out, "popular new: the k most popular the customer never bought",
        Scores.of(purchases, Baselines.popularNew(purchases, k), k, catalogSize));
    out.flush();
    return 0;
  }

  /** Until the group has nothing left to commit, twice in a row a second apart (exactly-once: transactional topics). */
  private void awaitSettled(PrintWriter err) throws Exception {
    try (Admin admin = Admin.create(bootstrap.admin(Map.of()))) {
      long started = System.nanoTime();
      // what the engine writes is transactional: its internal topics, and the offer outcomes the learning app reads
      Predicate<String> transactional = topic -> topic.startsWith(waitForGroup + "-")
          || topic.equals(bootstrap.topics().of(Topics.OFFER_OUTCOMES));
      for (int settled = 0; settled < 2; ) {
        long behind = GroupProgress.unsettled(admin, waitForGroup, transactional)
            + GroupProgress.unsettled(admin, waitForGroup + StreamsProperties.LEARNING_SUFFIX, transactional);
        settled = behind == 0 ? settled + 1 : 0;
        err.printf("\r  waiting for %s to commit everything: %,d records left   ", waitForGroup, behind);
        err.flush();
        Thread.sleep(1_000);
      }
      err.printf("%n  settled after %.1f s%n", (System.nanoTime() - started) / 1e9);
    }
  }

  private static void row(PrintWriter out, String policy, Scores scores) {
    out.printf("%-58s %8.3f %8.3f %12.3f %8.1f%%%n", policy, scores.hitRate(), scores.precision(),
        scores.newHitRate(), 100 * scores.coverage());
  }

  /** The products of each customer's top-k (or discovery) offers, asked four at a time, with progress. */
  private Map<String, List<String>> askEngine(Set<String> customers, String list, PrintWriter err)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    Map<String, List<String>> answers = new ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> pending = new ArrayList<>();
      for (String customer : customers) {
        pending.add(pool.submit(() -> {
          answers.put(customer, topProducts(http, customer, list));
          int n = done.incrementAndGet();
          if (n % 100 == 0 || n == customers.size()) {
            err.printf("\r  %,d of %,d customers asked", n, customers.size());
            err.flush();
          }
          return null;
        }));
      }
      for (Future<?> future : pending) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    err.println();
    long empty = answers.values().stream().filter(List::isEmpty).count();
    if (empty > 0) {
      err.printf("%,d customers got no offer (unknown to the app)%n", empty);
    }
    return answers;
  }

  private List<String> topProducts(HttpClient http, String customer, String list)
      throws IOException, InterruptedException {
    URI uri = URI.create(api + "/customers/" + URLEncoder.encode(customer, StandardCharsets.UTF_8) + "/offers?k=" + k
        + "&channel=" + channel + "&list=" + list);
    for (int attempt = 0; attempt < 30; attempt++) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET()
          .build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        List<String> products = new ArrayList<>();
        for (JsonNode offer : JSON.readTree(response.body()).path("offers")) {
          if (offer.hasNonNull("targetProductId")) {
            products.add(offer.get("targetProductId").asText());
          }
        }
        return products.stream().distinct().collect(Collectors.toList());
      }
      if (response.statusCode() == 404) {
        return List.of();
      }
      if (response.statusCode() != 503) {
        throw new CliException("the app answered " + response.statusCode() + " to a top-k request: "
            + response.body());
      }
      Thread.sleep(1_000);
    }
    throw new CliException("the app kept answering 503 (no owner, or restoring) for 30 s; is it RUNNING?");
  }
}
