package io.persona.harness;

import static io.persona.http.Loopback.isLoopback;

import io.persona.bench.CollectorLoad;
import io.persona.cli.BootstrapOption;
import io.persona.cli.CliException;
import io.persona.topology.Topics;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Load on a running app's collector, with an optional broker restart; counts acknowledged events that were lost. */
@Command(name = "collector-load", description = "Post Segment event batches to the collector as fast as it answers "
    + "(bounded in count and time), optionally restarting the broker part way, then look for every acknowledged "
    + "event in clickstream. Loopback only: scripts/collector-load.sh.")
public final class CollectorLoadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BootstrapOption bootstrap = new BootstrapOption();

  @Option(names = "--url", description = "The app's API (default: ${DEFAULT-VALUE}).")
  URI url = URI.create("http://127.0.0.1:8080");

  @Option(names = "--write-key", description = "Write key sent with every batch (default: ${DEFAULT-VALUE}).")
  String writeKey = "load";

  @Option(names = "--events", description = "Events to send at most (default: ${DEFAULT-VALUE}).")
  long events = 300_000;

  @Option(names = "--seconds", description = "Seconds to send for at most (default: ${DEFAULT-VALUE}).")
  int seconds = 60;

  @Option(names = "--clients", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
  int clients = 8;

  @Option(names = "--batch", description = "Events per request (default: ${DEFAULT-VALUE}).")
  int batch = 20;

  @Option(names = "--restart", description = "Shell command that restarts the broker (default: none).")
  String restart;

  @Option(names = "--restart-after", description = "Seconds into the run to restart the broker (default: ${DEFAULT-VALUE}).")
  int restartAfter = 20;

  @Override
  public Integer call() throws Exception {
    if (!isLoopback(url.getHost())) {
      throw new CliException("--url must be on loopback (127.0.0.1 or localhost): this is a load test");
    }
    if (events < 1 || seconds < 1 || clients < 1 || batch < 1 || batch > 500) {
      throw new CliException("--events, --seconds and --clients must be >= 1, --batch 1..500");
    }
    PrintWriter out = spec.commandLine().getOut();
    String run = "load-" + Long.toString(System.currentTimeMillis(), 36);
    out.printf("==> %,d events at most in %d s, %d clients, %d events per request, to %s%s%n", events, seconds,
        clients, batch, url, restart == null ? "" : "; broker restart after " + restartAfter + " s");
    CollectorLoad.Result result = CollectorLoad.run(new CollectorLoad.Plan(url, writeKey, events,
            Duration.ofSeconds(seconds), clients, batch, restart, Duration.ofSeconds(restartAfter), run),
        bootstrap.consumer(Map.of()), bootstrap.topics().of(Topics.CLICKSTREAM), out);
    Histogram latency = result.latencyMicros();
    if (result.acceptedBeforeRestart() >= 0) {
      out.printf("%nbefore the broker restart: %,d events in %.1f s = %,.0f events/s", result.acceptedBeforeRestart(),
          result.secondsBeforeRestart(), result.acceptedBeforeRestart() / result.secondsBeforeRestart());
    }
    out.printf("%naccepted (202): %,d events in %.1f s = %,.0f events/s%n", result.accepted(), result.seconds(),
        result.accepted() / result.seconds());
    out.printf("request latency of accepted batches: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (%,d requests)%n",
        latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
        latency.getValueAtPercentile(99.9) / 1e3, latency.getMaxValue() / 1e3, latency.getTotalCount());
    out.printf("answered 503 (to send again): %,d events; refused (4xx): %,d; no answer: %,d%n", result.unavailable(),
        result.refused(), result.failed());
    out.printf("acknowledged but not in clickstream: %,d of %,d (found %,d of this run's events there)%n",
        result.lost(), result.accepted(), result.found());
    out.flush();
    return result.lost() == 0 ? 0 : 1;
  }
}
