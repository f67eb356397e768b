package io.persona.cli;

import io.persona.PersonaMain;
import io.persona.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@link PersonaMain#run}: the engine until SIGTERM or Ctrl-C, then a clean stop. */
@Command(name = "run", description = "Create topics if missing and run the streams app until stopped.")
public final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", description = "Properties file (overrides defaults; environment overrides it).")
  Path configFile;

  @Override
  public Integer call() throws InterruptedException, IOException {
    return PersonaMain.run(ConfigLoader.load(System.getenv(), configFile));
  }
}
