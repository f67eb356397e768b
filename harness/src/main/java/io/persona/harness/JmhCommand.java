package io.persona.harness;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** JMH over the per-event hot path (io.persona.microbench); every argument goes to JMH itself. */
@Command(name = "jmh", description = "JMH micro-benchmarks of the per-event hot path; arguments are JMH's own "
    + "(jmh -h lists them, jmh -l the benchmarks).")
public final class JmhCommand implements Callable<Integer> {
  @Unmatched
  List<String> jmhArguments = List.of();

  @Override
  public Integer call() throws Exception {
    run(jmhArguments.toArray(String[]::new));
    return 0;
  }

  /** JMH parses its own options, -h included, so {@code jmh ...} reaches it before the command line does. */
  static void run(String[] arguments) throws Exception {
    org.openjdk.jmh.Main.main(arguments);
  }
}
