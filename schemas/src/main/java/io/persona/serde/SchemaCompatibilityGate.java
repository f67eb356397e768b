package io.persona.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaCompatibility;

/**
 * The rule that keeps old records readable: the current schema of a type must be able to read every released
 * version, and must itself be released (so the next build's decoders know it). For a type other services read
 * ({@link Compatibility#FULL}), every released version must also read records written with the current schema, so
 * a consumer built against an older release keeps working when the app is upgraded.
 */
public final class SchemaCompatibilityGate {
  /** Which readers a new schema must satisfy. */
  public enum Compatibility {
    /** The new schema reads data written with every released version (our own decoders, changelog restores). */
    BACKWARD,
    /** BACKWARD, and every released version reads data written with the new schema (consumers not yet upgraded). */
    FULL
  }

  private static final Pattern JAVA_STRING_HINT =
      Pattern.compile("\\{\"type\":\"string\",\"avro\\.java\\.string\":\"String\"\\}");

  private static final Pattern TOP_LEVEL_FIELD = Pattern.compile("/fields/(\\d+)");

  private SchemaCompatibilityGate() {}

  /**
   * The verdict for one type.
   *
   * @param incompatibilities released versions the current schema cannot read, and why
   * @param released whether the current schema is the latest released version
   */
  public record Result(String type, List<String> incompatibilities, boolean released, int releasedVersions) {
    /** Everything that fails the gate, as sentences that say what to do. */
    public List<String> problems() {
      List<String> problems = new ArrayList<>(incompatibilities);
      if (!released) {
        String what = releasedVersions == 0 ? "has never been released"
            : "has changed since its latest released version v" + releasedVersions;
        problems.add(type + " " + what
            + ": release it with `java -jar tools/target/persona.jar schemas release`");
      }
      return problems;
    }
  }

  public static Result check(Schema current, List<Schema> released) {
    return check(current, released, Compatibility.BACKWARD);
  }

  public static Result check(Schema current, List<Schema> released, Compatibility compatibility) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < released.size(); i++) {
      Schema old = released.get(i);
      String backward = "%s cannot read released v%d".formatted(current.getName(), i + 1);
      problems.addAll(incompatibilities(current, old, backward));
      if (compatibility == Compatibility.FULL) {
        String forward = "released v%d of %s cannot read records written with the current schema (a consumer on v%d "
            + "would break)";
        problems.addAll(incompatibilities(old, current, forward.formatted(i + 1, current.getName(), i + 1)));
      }
    }
    return new Result(current.getName(), problems, isReleased(current, released), released.size());
  }

  private static List<String> incompatibilities(Schema reader, Schema writer, String what) {
    SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    return result.getResult().getIncompatibilities().stream()
        .map(incompatibility -> "%s: %s at %s%s (%s)".formatted(what, incompatibility.getType(),
            fieldName(reader, incompatibility.getLocation()), incompatibility.getLocation(),
            incompatibility.getMessage()))
        .toList();
  }

  /** "field 'price' " for a location such as /fields/9/type/1, so the message names what to fix. */
  private static String fieldName(Schema reader, String location) {
    Matcher matcher = TOP_LEVEL_FIELD.matcher(location);
    if (!matcher.lookingAt() || reader.getType() != Schema.Type.RECORD) {
      return "";
    }
    int position = Integer.parseInt(matcher.group(1));
    return position < reader.getFields().size() ? "field '" + reader.getFields().get(position).name() + "' " : "";
  }

  private static boolean isReleased(Schema current, List<Schema> released) {
    return !released.isEmpty() && contract(released.get(released.size() - 1)).equals(contract(current));
  }

  /**
   * The schema as a language-neutral contract: its full JSON (docs and defaults included) without the Java-only
   * string hint that generated classes carry.
   */
  public static String contract(Schema schema) {
    return JAVA_STRING_HINT.matcher(schema.toString()).replaceAll("\"string\"");
  }

  /** A released file: the contract, pretty-printed. */
  public static String releasedText(Schema schema) {
    return new Schema.Parser().parse(contract(schema)).toString(true) + "\n";
  }
}
