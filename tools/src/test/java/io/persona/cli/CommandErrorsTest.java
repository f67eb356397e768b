package io.persona.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command that cannot do its work says why in one line, with a non-zero exit code and no stack trace. */
class CommandErrorsTest {
  @Test
  void shouldExplainAMissingInputFileInOneLine(@TempDir Path dir) {
    CommandRun run = CommandRun.of("produce", "--topic", "clickstream", "--file", dir.resolve("nope.jsonl").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: cannot read or write").contains("nope.jsonl").doesNotContain("\tat ");
  }

  @Test
  void shouldRefuseToCheckSchemasWithoutTheReleasedFolder(@TempDir Path dir) {
    CommandRun run = CommandRun.of("schemas", "check", "--released-dir", dir.resolve("missing").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no released schemas at").contains("--released-dir");
  }

  @Test
  void shouldOfferHelpOnEverySubcommand() {
    CommandRun run = CommandRun.of("consume", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--latest").contains("--follow");
  }

  @Test
  void shouldRefuseLatestTogetherWithFollow() {
    CommandRun run = CommandRun.of("consume", "--topic", "customer-profiles", "--latest", "--follow");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--latest and --follow exclude each other");
  }
}
