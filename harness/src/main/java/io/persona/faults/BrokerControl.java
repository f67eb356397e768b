package io.persona.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local broker as a process to hurt: SIGKILL and a restart through {@code scripts/kafka-local.sh}, or SIGSTOP and
 * SIGCONT (a broker frozen by a long GC pause or a stalled disk). The script's environment (ports, data dir) is this
 * process's own.
 */
final class BrokerControl {
  private final Path script;
  private final Path pidFile;

  BrokerControl(Path script, Path dataDir) {
    this.script = script;
    this.pidFile = dataDir.resolve("broker.pid");
  }

  void kill() throws IOException, InterruptedException {
    long pid = pid();
    ProcessHandle broker = ProcessHandle.of(pid).orElseThrow(() -> new IOException("no broker process " + pid));
    broker.destroyForcibly();
    broker.onExit().join();
  }

  void start() throws IOException, InterruptedException {
    Process process = new ProcessBuilder("bash", script.toString(), "start").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (process.waitFor() != 0) {
      throw new IOException(script + " start failed (exit " + process.exitValue() + ")");
    }
  }

  void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IOException("kill -" + signal + " of the broker failed");
    }
  }

  private long pid() throws IOException {
    if (!Files.isReadable(pidFile)) {
      throw new IOException("no broker pid file at " + pidFile + " (is the broker started by " + script + "?)");
    }
    return Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
  }
}
