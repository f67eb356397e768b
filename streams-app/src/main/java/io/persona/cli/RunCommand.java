package io.persona.cli;

import io.persona.PersonaApp;
import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams.State;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the engine until SIGTERM or Ctrl-C, then stops cleanly (state flushed, transaction committed). */
@Command(name = "run", description = "Create topics if missing and run the streams app until stopped.")
public final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", description = "Properties file (overrides defaults; environment overrides it).")
  Path configFile;

  @Override
  public Integer call() throws InterruptedException {
    PersonaConfig config = ConfigLoader.load(System.getenv(), configFile);
    PersonaApp app = PersonaApp.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "persona-shutdown"));
    app.awaitStop();
    return app.state() == State.ERROR || !app.stoppedCleanly() ? 1 : 0;
  }
}
