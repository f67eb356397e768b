package io.persona.cli;

import io.persona.bench.Benchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Measures the app's throughput against a Kafka Streams pass-through on the same broker and machine. */
@Command(name = "bench", description = "Publish deterministic traffic, then time a Kafka Streams pass-through and "
    + "the Persona topology over it (both exactly_once_v2, 1 thread). Use a broker of its own: scripts/bench.sh.")
public final class BenchCommand implements Callable<Integer> {
  @Mixin BootstrapOption bootstrap = new BootstrapOption();

  @Option(names = "--events", description = "Events to publish (default: ${DEFAULT-VALUE}).")
  long events = 1_000_000;

  @Option(names = "--customers", description = "Distinct customers (default: ${DEFAULT-VALUE}).")
  int customers = 50_000;

  @Option(names = "--seed", description = "Seed of the traffic (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Override
  public Integer call() throws Exception {
    new Benchmark(bootstrap.resolve(), events, customers, seed).run(System.out);
    return 0;
  }
}
