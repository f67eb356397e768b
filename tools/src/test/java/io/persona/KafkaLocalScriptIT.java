package io.persona;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.cli.CommandRun;
import io.persona.serde.JsonAvro;
import io.persona.testkit.TestEvents;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's path: {@code scripts/kafka-local.sh} fetches and starts a real broker process, the app's commands use it,
 * and the script stops it. Runs on its own ports and data folder, so a broker a developer left running is untouched.
 */
class KafkaLocalScriptIT {
  private static final Path REPO = Path.of(System.getProperty("persona.repo.dir", ".."));
  private static final Path SCRIPT = REPO.resolve("scripts/kafka-local.sh");

  @Test
  void shouldStartAnIdempotentBrokerProcessThatTheCommandsUseAndStopIt(@TempDir Path dir) throws Exception {
    int port = freePort();
    Map<String, String> env = Map.of(
        "KAFKA_LOCAL_DIR", dir.resolve("kafka").toString(),
        "KAFKA_PORT", Integer.toString(port),
        "KAFKA_CONTROLLER_PORT", Integer.toString(freePort()));
    try {
      Script started = run(env, "start");
      assertThat(started.exitCode()).as(started.output()).isZero();
      assertThat(run(env, "start").output()).contains("already running on 127.0.0.1:" + port);
      assertThat(run(env, "status").exitCode()).isZero();

      String bootstrap = "127.0.0.1:" + port;
      Path config = dir.resolve("persona.properties");
      Files.writeString(config, "bootstrap.servers=" + bootstrap + "\n");
      assertThat(CommandRun.of("create-topics", "--config", config.toString()).exitCode()).isZero();
      Path events = dir.resolve("clicks.jsonl");
      String click = JsonAvro.toJson(TestEvents.click("e-1", "anon-1", null, TestEvents.T0));
      Files.writeString(events, click + "\n");
      assertThat(CommandRun.of("produce", "--topic", "clickstream", "--file", events.toString(),
          "--bootstrap-servers", bootstrap).exitCode()).isZero();
      assertThat(CommandRun.of("consume", "--topic", "clickstream", "--bootstrap-servers", bootstrap).out().lines())
          .containsExactly(click);
    } finally {
      assertThat(run(env, "stop").exitCode()).isZero();
    }
    assertThat(run(env, "status").exitCode()).isEqualTo(1);
    assertThat(run(env, "stop").output()).contains("not running");
  }

  private record Script(int exitCode, String output) {}

  private static Script run(Map<String, String> env, String command) throws IOException, InterruptedException {
    Path output = Files.createTempFile("kafka-local", ".out");
    ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), command)
        .redirectErrorStream(true).redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("kafka-local.sh " + command + " did not finish within 5 minutes: " + Files.readString(output));
    }
    return new Script(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
