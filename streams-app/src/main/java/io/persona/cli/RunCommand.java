package io.persona.cli;

import io.persona.PersonaApp;
import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.serving.ApiServer;
import java.io.IOException;
import java.net.BindException;
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
  public Integer call() throws InterruptedException, IOException {
    PersonaConfig config = ConfigLoader.load(System.getenv(), configFile);
    PersonaApp app = PersonaApp.start(config);
    ApiServer api;
    try {
      api = config.serverPort() > 0 ? ApiServer.start(app, config) : null;
    } catch (BindException e) {
      app.close();
      throw new CliException("cannot serve the HTTP API on " + config.serverHost() + ":" + config.serverPort()
          + " (" + e.getMessage() + "): set PERSONA_SERVER_PORT to a free port, or 0 to switch the API off");
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (api != null) {
        api.close();
      }
      app.close();
    }, "persona-shutdown"));
    app.awaitStop();
    app.failure().ifPresent(reason -> System.err.println("error: " + reason));
    return app.state() == State.ERROR || !app.stoppedCleanly() ? 1 : 0;
  }
}
