package io.persona.cli;

import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.topology.TopicProvisioner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Creates the product's topics (idempotent) and exits: the one-shot init step of docker-compose. */
@Command(name = "create-topics", description = "Create every topic the app needs, if missing, and exit.")
public final class CreateTopicsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", description = "Properties file.")
  Path configFile;

  @Override
  public Integer call() {
    PersonaConfig config = ConfigLoader.load(System.getenv(), configFile);
    List<String> created = TopicProvisioner.ensure(config);
    spec.commandLine().getOut().println(created.isEmpty() ? "all topics already exist" : "created " + String.join(", ", created));
    return 0;
  }
}
