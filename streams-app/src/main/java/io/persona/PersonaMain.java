package io.persona;

import io.persona.config.ConfigException;
import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.serde.AvroSafety;
import io.persona.serve.ApiServer;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * The engine's own way to run, without the tools: {@code run [--config FILE]}. Runs until SIGTERM or Ctrl-C, then
 * stops cleanly (state flushed, transaction committed). {@code persona run} is this, behind the command line.
 */
public final class PersonaMain {
  private PersonaMain() {}

  public static void main(String[] args) throws InterruptedException, IOException {
    AvroSafety.install();
    if (!(args.length == 1 && args[0].equals("run") || args.length == 3 && args[0].equals("run")
        && args[1].equals("--config"))) {
      System.err.println("usage: run [--config FILE]");
      System.exit(2);
    }
    try {
      System.exit(run(ConfigLoader.load(System.getenv(), args.length == 3 ? Path.of(args[2]) : null)));
    } catch (ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Starts the engine and its API, waits until it stops; the process's exit code. */
  public static int run(PersonaConfig config) throws InterruptedException, IOException {
    PersonaApp app = PersonaApp.start(config);
    ApiServer api;
    try {
      api = config.serverPort() > 0 ? ApiServer.start(app, config) : null;
    } catch (BindException e) {
      app.close();
      throw new ConfigException("cannot serve the HTTP API on " + config.serverHost() + ":" + config.serverPort()
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
