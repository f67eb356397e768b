package io.persona.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The harness's jar: the persona command's tools and the ones that measure and break the engine. */
class HarnessCommandsTest {
  @Test
  void shouldKeepTheCollectorLoadTestOnLoopback() {
    Run run = Run.of("collector-load", "--url", "http://10.1.2.3:8080");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("--url must be on loopback");
  }

  @Test
  void shouldOfferThePersonaCommandsBesideItsOwn() {
    Run run = Run.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("run", "consume", "simulate", "bench", "faults", "collector-load", "jmh");
  }

  private record Run(int exitCode, String out, String err) {
    static Run of(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine commandLine = Harness.commandLine();
      commandLine.setOut(new PrintWriter(out, true));
      commandLine.setErr(new PrintWriter(err, true));
      int exitCode = commandLine.execute(args);
      return new Run(exitCode, out.toString(), err.toString());
    }
  }
}
