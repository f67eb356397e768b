package io.persona.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.AdOffer;
import io.persona.avro.ClickEvent;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKpi;
import io.persona.avro.PersonalizedOffer;
import io.persona.serde.SchemaCompatibilityGate.Compatibility;
import io.persona.topology.Contracts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build's compatibility gate: the schemas under {@code schemas/} must read every version under
 * {@code schemas/released/}, and every released version of an output type must read the current schema. The negative tests plant changes in a copy of the folder and watch the gate bite.
 */
class SchemaCompatibilityGateTest {
  private static final Path SCHEMAS = Path.of(System.getProperty("persona.schemas.dir", "../schemas"));
  private static final Path RELEASED = SCHEMAS.resolve("released");

  static Stream<Class<? extends SpecificRecord>> versionedTypes() {
    return Contracts.VERSIONED_TYPES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versionedTypes")
  void shouldReadEveryReleasedVersionWithTheCurrentSchema(Class<? extends SpecificRecord> type) throws IOException {
    Schema current = SchemaDirectory.parse(SCHEMAS).get(type.getSimpleName());

    assertThat(SchemaCompatibilityGate.check(current, ReleasedSchemas.fromDirectory(RELEASED, current.getName()),
        Contracts.compatibility(type)).problems()).isEmpty();
  }

  @Test
  void shouldHoldTheOffersAndEveryOtherOutputToBothDirectionsAndInputsToBackwardOnly() {
    assertThat(Contracts.compatibility(PersonalizedOffer.class)).isEqualTo(Compatibility.FULL);
    assertThat(Contracts.compatibility(AdOffer.class)).isEqualTo(Compatibility.FULL);
    assertThat(Contracts.compatibility(OfferKpi.class)).isEqualTo(Compatibility.FULL);
    assertThat(Contracts.compatibility(ClickEvent.class)).isEqualTo(Compatibility.BACKWARD);
    assertThat(Contracts.compatibility(OfferCatalogEntry.class)).isEqualTo(Compatibility.BACKWARD);
  }

  @Test
  void shouldFailAnOutputWhoseOlderConsumersCannotReadTheNewSchemaNamingTheField(@TempDir Path copy)
      throws IOException {
    Schema planted = plant(copy, "PersonalizedOffer",
        "{\"name\": \"offerId\", \"type\": \"string\", \"doc\": \"Catalog offer chosen.\"},", "");

    List<String> problems = SchemaCompatibilityGate.check(planted, released("PersonalizedOffer"),
        Contracts.compatibility(PersonalizedOffer.class)).problems();

    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("released v1 of PersonalizedOffer cannot read records written with the current schema")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("field 'offerId'"));
    assertThat(problems).noneMatch(p -> p.contains("PersonalizedOffer cannot read released"));
  }

  @Test
  void shouldLetAnInputDropAFieldSinceOnlyPersonaReadsItWithTheNewSchema(@TempDir Path copy) throws IOException {
    Schema planted = plant(copy, "ClickEvent",
        "{\"name\": \"sessionId\", \"type\": \"string\", \"doc\": \"Tracker session id.\"},", "");

    assertThat(SchemaCompatibilityGate.check(planted, released("ClickEvent"),
        Contracts.compatibility(ClickEvent.class)).problems())
        .singleElement()
        .satisfies(p -> assertThat(p).contains("has changed since its latest released version v1"));
    assertThat(SchemaCompatibilityGate.check(planted, released("ClickEvent"), Compatibility.FULL).problems())
        .anySatisfy(p -> assertThat(p).contains("released v1 of ClickEvent cannot read").contains("field 'sessionId'"));
  }

  @Test
  void shouldBuildTheClassesFromTheSchemasInTheFolder() throws IOException {
    Map<String, Schema> onDisk = SchemaDirectory.parse(SCHEMAS);

    for (Class<? extends SpecificRecord> type : Contracts.VERSIONED_TYPES) {
      assertThat(SchemaCompatibilityGate.contract(onDisk.get(type.getSimpleName())))
          .isEqualTo(SchemaCompatibilityGate.contract(Contracts.schema(type)));
    }
  }

  @Test
  void shouldFailWhenAFieldChangesToAnIncompatibleType(@TempDir Path copy) throws IOException {
    Schema planted = plant(copy, "\"name\": \"eventId\", \"type\": \"string\"", "\"name\": \"eventId\", \"type\": \"int\"");

    List<String> problems = SchemaCompatibilityGate.check(planted, released("ClickEvent")).problems();

    assertThat(problems).anySatisfy(p -> assertThat(p).contains("cannot read released v1").contains("/fields/0"));
  }

  @Test
  void shouldFailWhenARequiredFieldIsAddedWithoutADefault(@TempDir Path copy) throws IOException {
    Schema planted = plant(copy, "\"fields\": [",
        "\"fields\": [ {\"name\": \"loyaltyTier\", \"type\": \"string\", \"doc\": \"planted\"},");

    assertThat(SchemaCompatibilityGate.check(planted, released("ClickEvent")).problems())
        .anySatisfy(p -> assertThat(p).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("loyaltyTier"));
  }

  @Test
  void shouldFailWhenANumberIsNarrowedSoOldValuesNoLongerFit(@TempDir Path copy) throws IOException {
    Schema planted = plant(copy, "\"name\": \"price\", \"type\": [\"null\", \"double\"]",
        "\"name\": \"price\", \"type\": [\"null\", \"int\"]");

    assertThat(SchemaCompatibilityGate.check(planted, released("ClickEvent")).problems())
        .anySatisfy(p -> assertThat(p).contains("cannot read released v1").contains("price"));
  }

  @Test
  void shouldAcceptAnOptionalFieldButAskForItToBeReleased(@TempDir Path copy) throws IOException {
    Schema planted = plant(copy, "\"fields\": [",
        "\"fields\": [ {\"name\": \"referrer\", \"type\": [\"null\", \"string\"], \"default\": null, \"doc\": \"planted\"},");

    assertThat(SchemaCompatibilityGate.check(planted, released("ClickEvent")).problems())
        .singleElement()
        .satisfies(p -> assertThat(p).contains("has changed since its latest released version v1"));
  }

  private static Schema plant(Path copy, String find, String replace) throws IOException {
    return plant(copy, "ClickEvent", find, replace);
  }

  /** Copies {@code schemas/}, edits {@code <type>.avsc} and parses the folder as the build would. */
  private static Schema plant(Path copy, String type, String find, String replace) throws IOException {
    try (Stream<Path> files = Files.list(SCHEMAS)) {
      for (Path source : files.filter(f -> f.toString().endsWith(".avsc")).toList()) {
        Files.copy(source, copy.resolve(source.getFileName()));
      }
    }
    Path edited = copy.resolve(type + ".avsc");
    String text = Files.readString(edited);
    assertThat(text).as("the planted change must apply").contains(find);
    Files.writeString(edited, text.replace(find, replace));
    return SchemaDirectory.parse(copy).get(type);
  }

  private static List<Schema> released(String name) throws IOException {
    return ReleasedSchemas.fromDirectory(RELEASED, name);
  }
}
