package io.persona.harness;

import io.persona.cli.App;
import io.persona.serde.AvroSafety;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The harness's jar: every command of the {@code persona} jar, and the ones that measure and break it. Fault
 * injection starts this same jar's {@code run} as the app it kills.
 */
public final class Harness {
  private Harness() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("jmh")) {
      JmhCommand.run(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    AvroSafety.install();
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return App.commandLine()
        .addSubcommand(new BenchCommand())
        .addSubcommand(new CollectorLoadCommand())
        .addSubcommand(new FaultsCommand())
        .addSubcommand(new JmhCommand());
  }
}
