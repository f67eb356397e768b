package io.persona.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.persona.serde.OutputFormat;
import io.persona.serde.OutputSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** output.format and output.registry.url: how the offers other services consume are written. */
class OutputConfigTest {
  @Test
  void shouldWriteTodaysAvroUnlessToldOtherwise() {
    assertThat(ConfigLoader.load(Map.of(), null).output()).isEqualTo(new OutputSettings(OutputFormat.AVRO, ""));
  }

  @Test
  void shouldTakeJsonAndRegistryWithItsUrl() {
    assertThat(ConfigLoader.load(Map.of("PERSONA_OUTPUT_FORMAT", "json"), null).output().format())
        .isEqualTo(OutputFormat.JSON);
    assertThat(ConfigLoader.load(Map.of("PERSONA_OUTPUT_FORMAT", "registry",
        "PERSONA_OUTPUT_REGISTRY_URL", "http://registry:8080/apis/registry/v3"), null).output())
        .isEqualTo(new OutputSettings(OutputFormat.REGISTRY, "http://registry:8080/apis/registry/v3"));
  }

  @Test
  void shouldRejectAnUnknownFormatNamingTheKeyAndTheFormats() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_OUTPUT_FORMAT", "protobuf"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'protobuf' for output.format (from environment variable PERSONA_OUTPUT_FORMAT)")
        .hasMessageContaining("[avro, json, registry]");
  }

  @Test
  void shouldRefuseTheRegistryFormatWithoutARegistryUrl() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_OUTPUT_FORMAT", "registry"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("output.format=registry needs output.registry.url (or PERSONA_OUTPUT_REGISTRY_URL)");
  }
}
