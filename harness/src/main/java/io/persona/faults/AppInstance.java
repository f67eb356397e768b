package io.persona.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One app instance as its own operating-system process ({@code java -jar ... run}), with its own state directory and
 * API port, so that it can be killed with SIGKILL like a crashed machine and started again on what it left on disk.
 */
final class AppInstance {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(1)).build();

  private final String name;
  private final Path jar;
  private final Path stateDir;
  private final Path log;
  private final int port;
  private final Map<String, String> env;
  private Process process;

  AppInstance(String name, Path jar, Path workDir, int port, Map<String, String> appEnv) {
    this.name = name;
    this.jar = jar;
    this.stateDir = workDir.resolve(name + "-state");
    this.log = workDir.resolve(name + ".log");
    this.port = port;
    this.env = Map.copyOf(appEnv);
  }

  String name() {
    return name;
  }

  void start() throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", jar.toString(), "run"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(key -> key.startsWith("PERSONA_"));
    builder.environment().putAll(env);
    builder.environment().put("PERSONA_STATE_DIR", stateDir.toString());
    builder.environment().put("PERSONA_SERVER_PORT", Integer.toString(port));
    process = builder.start();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no commit, no flush; open transactions are left for the broker to abort. */
  void kill() throws InterruptedException {
    if (alive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** SIGTERM: the app closes cleanly and leaves the consumer group. */
  void stop() throws InterruptedException {
    if (alive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }

  /** Exit code of a process that ended by itself (not killed by the harness), else null. */
  Integer exitCode() {
    return process != null && !process.isAlive() ? process.exitValue() : null;
  }

  boolean ready() {
    return status("/ready") == 200;
  }

  int status(String path) {
    try {
      return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** An answer of the API: its status (-1 when the instance did not answer) and body. */
  record Answer(int status, String body) {}

  Answer get(String path) throws InterruptedException {
    try {
      HttpResponse<String> response = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(-1, null);
    }
  }

  /** Forgets everything the instance kept locally, as after the loss of its disk. */
  void deleteState() throws IOException {
    if (Files.exists(stateDir)) {
      try (Stream<Path> files = Files.walk(stateDir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  Path log() {
    return log;
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
        .GET().build();
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
