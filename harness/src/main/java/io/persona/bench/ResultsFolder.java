package io.persona.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Where a benchmark leaves its findings: bench.md (the machine, then the report) and the two charts. */
final class ResultsFolder {
  private ResultsFolder() {}

  static void write(Path folder, String report, Throughput throughput, LatencyBench.Result latency)
      throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("bench.md"), header(Instant.now()) + report);
    BenchCharts.writeThroughput(folder.resolve("throughput.png"), throughput);
    BenchCharts.writeLatency(folder.resolve("latency.png"), latency);
  }

  /** The title and the machine the figures come from. */
  static String header(Instant now) {
    return "# Persona benchmark, " + now + "\n\n"
        + "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
        + " " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + "\n\n";
  }
}
