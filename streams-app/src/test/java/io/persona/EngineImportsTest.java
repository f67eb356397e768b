package io.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports run one way: the tools (CLI, simulator, replay, evaluation, benchmarks, fault injection) use the engine,
 * never the reverse, so that the engine can leave for a module of its own without its tools.
 */
class EngineImportsTest {
  private static final Path SOURCES = Path.of("src", "main", "java", "io", "persona");
  private static final Set<String> TOOLS = Set.of("cli", "bench", "faults", "sim", "replay", "evaluation");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.persona\\.(\\w+)[.;]", Pattern.MULTILINE);

  @Test
  void shouldKeepTheEngineFreeOfImportsFromItsTools() throws IOException {
    assertThat(reversedImports(SOURCES)).isEmpty();
  }

  @Test
  void shouldKeepTheWireFormatFreeOfTheEngineSoThatItCanBecomeTheSchemasModule() throws IOException {
    List<String> engineImports = new ArrayList<>();
    try (Stream<Path> files = Files.list(SOURCES.resolve("serde"))) {
      for (Path file : files.sorted().toList()) {
        Matcher imports = IMPORT.matcher(Files.readString(file));
        while (imports.find()) {
          if (!imports.group(1).equals("avro") && !imports.group(1).equals("serde")) {
            engineImports.add(file.getFileName() + " imports io.persona." + imports.group(1));
          }
        }
      }
    }

    assertThat(engineImports).isEmpty();
  }

  @Test
  void shouldCatchAnEngineClassThatImportsATool(@TempDir Path dir) throws IOException {
    Path planted = dir.resolve("serving").resolve("Planted.java");
    Files.createDirectories(planted.getParent());
    Files.writeString(planted, "package io.persona.serving;\n\nimport io.persona.sim.ShopperSimulator;\n");

    assertThat(reversedImports(dir)).containsExactly("serving/Planted.java imports io.persona.sim");
  }

  /** Each engine source file that imports a tool's package, with the package. */
  static List<String> reversedImports(Path root) throws IOException {
    List<String> reversed = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Path relative = root.relativize(file);
        boolean tool = relative.getNameCount() > 1 && TOOLS.contains(relative.getName(0).toString())
            || relative.toString().equals("App.java");
        if (tool) {
          continue;
        }
        Matcher imports = IMPORT.matcher(Files.readString(file));
        while (imports.find()) {
          if (TOOLS.contains(imports.group(1))) {
            reversed.add(relative.toString().replace('\\', '/') + " imports io.persona." + imports.group(1));
          }
        }
      }
    }
    return reversed;
  }
}
