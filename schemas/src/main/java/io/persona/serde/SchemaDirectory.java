package io.persona.serde;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * Parses the {@code schemas/} folder (one named type per file, in any order) into schemas by simple name. A file
 * that refers to a type not parsed yet is retried after the others, as the build's import list does.
 */
public final class SchemaDirectory {
  private SchemaDirectory() {}

  public static Map<String, Schema> parse(Path dir) throws IOException {
    List<String> pending = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
        pending.add(Files.readString(file));
      }
    }
    Map<String, Schema> known = new LinkedHashMap<>();
    while (!pending.isEmpty()) {
      List<String> deferred = new ArrayList<>();
      AvroRuntimeException lastFailure = null;
      for (String text : pending) {
        try {
          Schema.Parser parser = new Schema.Parser();
          parser.addTypes(known.values());
          Schema schema = parser.parse(text);
          known.put(schema.getFullName(), schema);
        } catch (AvroRuntimeException e) {
          deferred.add(text);
          lastFailure = e;
        }
      }
      if (deferred.size() == pending.size()) {
        throw lastFailure;
      }
      pending = deferred;
    }
    Map<String, Schema> byName = new TreeMap<>();
    known.values().forEach(schema -> byName.put(schema.getName(), schema));
    return byName;
  }
}
