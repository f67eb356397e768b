package io.persona.harness;

import io.persona.bench.BenchSettings;
import io.persona.bench.Benchmark;
import io.persona.cli.BootstrapOption;
import io.persona.cli.CliException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Measures the app's throughput against a Kafka Streams pass-through on the same broker and machine. */
@Command(name = "bench", description = "Publish deterministic traffic, then time a Kafka Streams pass-through and "
    + "the Persona topology over it (both exactly_once_v2, 1 thread). Use a broker of its own: scripts/bench.sh.")
public final class BenchCommand implements Callable<Integer> {
  @Mixin BootstrapOption bootstrap = new BootstrapOption();

  @Option(names = "--events", description = "Events timed, published after the warm-up (default: ${DEFAULT-VALUE}).")
  long events = 1_000_000;

  @Option(names = "--customers", description = "Distinct customers (default: ${DEFAULT-VALUE}).")
  int customers = 1_000_000;

  @Option(names = "--seed", description = "Seed of the traffic (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--runs", description = "Timed runs of each app; medians are reported (default: ${DEFAULT-VALUE}).")
  int runs = 3;

  @Option(names = "--latency-seconds", description = "Seconds of live traffic whose click-to-offer and "
      + "basket-to-offer latency is measured, after half as long (at least 15 s) to warm up; each step of the ramp "
      + "before it lasts a quarter as long, at least 8 s (default: ${DEFAULT-VALUE}).")
  int latencySeconds = 60;

  @Option(names = "--results", description = "Folder for bench.md and the PNG charts (default: none).")
  java.nio.file.Path results;

  @Option(names = "--latency-rate", description = "Events/s of the latency run; 0 for half the highest rate the "
      + "engine sustained in the ramp (default: ${DEFAULT-VALUE}).")
  double latencyRate = 0;

  @Option(names = "--warm-up-events", description = "Events published and processed before the timing starts, so "
      + "that profiles exist (default: as many as --events).")
  Long warmUpEvents;

  @Override
  public Integer call() throws Exception {
    if (runs < 1 || latencySeconds < 1) {
      throw new CliException("--runs and --latency-seconds must be >= 1");
    }
    new Benchmark(new BenchSettings(bootstrap.resolve(), events, warmUpEvents == null ? events : warmUpEvents,
        customers, seed, runs, latencySeconds, latencyRate)).run(System.out, results);
    return 0;
  }
}
