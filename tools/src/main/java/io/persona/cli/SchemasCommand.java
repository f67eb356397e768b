package io.persona.cli;

import io.persona.serde.ReleasedSchemas;
import io.persona.serde.SchemaCompatibilityGate;
import io.persona.topology.Contracts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check}: every topic's current schema (as built into this jar) reads every released version and is itself
 * released; for the values of output topics, every released version also reads the current schema. {@code release}: records the current schema as the next released version, if it passes compatibility.
 */
@Command(name = "schemas", description = "Check or release the Avro schemas of every topic and store.")
public final class SchemasCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "check or release")
  Action action;

  @Option(names = "--released-dir", description = "Folder of released versions (default: schemas/released).")
  Path releasedDir = Path.of("schemas", "released");

  enum Action { check, release }

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(releasedDir)) {
      throw new CliException("no released schemas at " + releasedDir.toAbsolutePath()
          + ": run from the repository root or pass --released-dir");
    }
    PrintWriter out = spec.commandLine().getOut();
    int failures = 0;
    for (Class<? extends SpecificRecord> type : Contracts.VERSIONED_TYPES) {
      Schema current = Contracts.schema(type);
      List<Schema> released = ReleasedSchemas.fromDirectory(releasedDir, current.getName());
      SchemaCompatibilityGate.Result result =
          SchemaCompatibilityGate.check(current, released, Contracts.compatibility(type));
      if (action == Action.release && !result.released() && result.incompatibilities().isEmpty()) {
        Path file = releasedDir.resolve(ReleasedSchemas.fileName(current.getName(), released.size() + 1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, SchemaCompatibilityGate.releasedText(current));
        out.println("released " + file);
      } else if (result.problems().isEmpty()) {
        out.println("ok " + current.getName() + " (" + released.size() + " released version(s))");
      } else {
        failures++;
        result.problems().forEach(problem -> out.println("FAIL " + problem));
      }
    }
    out.flush();
    return failures == 0 ? 0 : 1;
  }
}
