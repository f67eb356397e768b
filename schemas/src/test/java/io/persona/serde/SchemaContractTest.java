package io.persona.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The house rules of {@code schemas/}: one named type per file, named after it, and a doc on every field. */
class SchemaContractTest {
  private static final Path SCHEMAS = Path.of(System.getProperty("persona.schemas.dir", "../schemas"));

  @Test
  void shouldHoldOneNamedTypePerFileNamedAfterIt() throws IOException {
    Map<String, Schema> types = SchemaDirectory.parse(SCHEMAS);

    assertThat(avscFiles()).allSatisfy(file -> {
      String name = file.getFileName().toString().replace(".avsc", "");
      assertThat(types).containsKey(name);
      assertThat(new ObjectMapper().readTree(file.toFile()).get("name").asText()).isEqualTo(name);
    });
    assertThat(types).hasSameSizeAs(avscFiles());
  }

  @Test
  void shouldDocumentEveryTypeAndEveryField() throws IOException {
    for (Schema type : SchemaDirectory.parse(SCHEMAS).values()) {
      assertThat(type.getDoc()).as(type.getName() + " doc").isNotBlank();
      if (type.getType() == Schema.Type.RECORD) {
        type.getFields().forEach(field ->
            assertThat(field.doc()).as(type.getName() + "." + field.name() + " doc").isNotBlank());
      }
    }
  }

  private static List<Path> avscFiles() throws IOException {
    try (Stream<Path> files = Files.list(SCHEMAS)) {
      return files.filter(f -> f.toString().endsWith(".avsc")).toList();
    }
  }
}
