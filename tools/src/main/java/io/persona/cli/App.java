package io.persona.cli;

import io.persona.config.ConfigException;
import io.persona.serde.AvroSafety;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The persona command: {@code run} starts the engine; the other commands are tools around it. */
@Command(
    name = "persona",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    version = "persona 0.1.0",
    description = "Real-time personalization on Kafka Streams.",
    subcommands = {
      RunCommand.class,
      CreateTopicsCommand.class,
      ProduceCommand.class,
      ConsumeCommand.class,
      SchemasCommand.class,
      SimulateCommand.class,
      ReplayCommand.class,
      EvaluateCommand.class,
      KpisCommand.class,
      AclsCommand.class,
      ResetCommand.class
    })
public final class App {
  public static void main(String[] args) {
    AvroSafety.install();
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new App());
    commandLine.setOverwrittenOptionsAllowed(true); // a script's defaults first, the user's own options after them
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof ConfigException) {
        cmd.getErr().println("configuration error: " + e.getMessage());
        return 2;
      }
      if (e instanceof IOException || e instanceof UncheckedIOException) {
        cmd.getErr().println("error: cannot read or write " + e.getMessage());
        return 1;
      }
      if (e instanceof KafkaException || e instanceof CliException) {
        cmd.getErr().println("error: " + e.getMessage());
        return 1;
      }
      throw e;
    });
    return commandLine;
  }
}
