package io.persona.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of a record schema, as kept under {@code schemas/released/<Name>/v<N>.avsc} and shipped in
 * the jar. A released file holds the full schema with nested types inlined, so it parses on its own.
 */
public final class ReleasedSchemas {
  static final String CLASSPATH_ROOT = "schemas/released/";

  private ReleasedSchemas() {}

  /** Released versions of {@code name} from the classpath, oldest first (v1, v2, ... until the first gap). */
  public static List<Schema> fromClasspath(String name) {
    List<Schema> versions = new ArrayList<>();
    ClassLoader loader = ReleasedSchemas.class.getClassLoader();
    for (int version = 1; ; version++) {
      try (InputStream in = loader.getResourceAsStream(CLASSPATH_ROOT + fileName(name, version))) {
        if (in == null) {
          return versions;
        }
        versions.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read released schema " + name + " v" + version, e);
      }
    }
  }

  /** Released versions of {@code name} from a {@code schemas/released} folder on disk, oldest first. */
  public static List<Schema> fromDirectory(Path releasedDir, String name) throws IOException {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      Path file = releasedDir.resolve(fileName(name, version));
      if (!Files.exists(file)) {
        return versions;
      }
      versions.add(new Schema.Parser().parse(Files.readString(file)));
    }
  }

  /** Where version {@code version} of {@code name} lives, relative to the released folder. */
  public static String fileName(String name, int version) {
    return name + "/v" + version + ".avsc";
  }
}
