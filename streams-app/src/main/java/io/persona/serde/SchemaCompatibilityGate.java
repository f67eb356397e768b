package io.persona.serde;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The rule that keeps old records readable: the current schema of a type must be able to read every released
 * version, and must itself be released (so the next build's decoders know it).
 */
public final class SchemaCompatibilityGate {
  private SchemaCompatibilityGate() {}

  /** Problems found for one type; empty when the type passes the gate. */
  public static List<String> check(Schema current, List<Schema> released) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < released.size(); i++) {
      SchemaPairCompatibility result =
          SchemaCompatibility.checkReaderWriterCompatibility(current, released.get(i));
      for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
        problems.add(
            "%s cannot read released v%d: %s at %s (%s)"
                .formatted(
                    current.getName(),
                    i + 1,
                    incompatibility.getType(),
                    incompatibility.getLocation(),
                    incompatibility.getMessage()));
      }
    }
    if (!isReleased(current, released)) {
      problems.add(
          "%s has changed since its latest released version v%d: release it with `java -jar streams-app/target/persona-streams-app.jar schemas release`"
              .formatted(current.getName(), released.size()));
    }
    return problems;
  }

  private static boolean isReleased(Schema current, List<Schema> released) {
    return !released.isEmpty()
        && AvroSerde.fingerprint(released.get(released.size() - 1)) == AvroSerde.fingerprint(current)
        && released.get(released.size() - 1).equals(current);
  }
}
