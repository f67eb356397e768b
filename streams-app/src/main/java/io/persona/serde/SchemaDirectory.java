package io.persona.serde;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;

/** Parses the {@code schemas/} folder (one named type per file, in any order) into schemas by simple name. */
public final class SchemaDirectory {
  private SchemaDirectory() {}

  public static Map<String, Schema> parse(Path dir) throws IOException {
    SchemaParser parser = new SchemaParser();
    List<SchemaParser.ParseResult> results = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
        results.add(parser.parse(file));
      }
    }
    Map<String, Schema> byName = new TreeMap<>();
    for (SchemaParser.ParseResult result : results) {
      Schema schema = parser.resolve(result);
      byName.put(schema.getName(), schema);
    }
    return byName;
  }
}
