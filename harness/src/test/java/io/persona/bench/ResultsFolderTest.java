package io.persona.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResultsFolderTest {
  @Test
  void shouldHeadBenchMdWithItsTimeAndTheMachine() {
    assertThat(ResultsFolder.header(Instant.parse("2026-12-06T03:12:00Z"))).isEqualTo(
        "# Persona benchmark, 2026-12-06T03:12:00Z\n\nMachine: " + Runtime.getRuntime().availableProcessors()
            + " cores, " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", "
            + System.getProperty("os.name") + "\n\n");
  }
}
