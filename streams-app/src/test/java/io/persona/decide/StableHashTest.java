package io.persona.decide;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StableHashTest {
  @Test
  void shouldGiveTheSameIdForTheSameParts() {
    assertThat(StableHash.uuid("c-1", "o-garden-10", "EMAIL", "t-1"))
        .isEqualTo(StableHash.uuid("c-1", "o-garden-10", "EMAIL", "t-1"))
        .isNotEqualTo(StableHash.uuid("c-1", "o-garden-10", "EMAIL", "t-2"));
  }

  @Test
  void shouldTellPartsApartWhereTheirConcatenationsAgree() {
    assertThat(StableHash.of("ab", "c")).isNotEqualTo(StableHash.of("a", "bc"));
    assertThat(StableHash.uuid("ab", "c")).isNotEqualTo(StableHash.uuid("a", "bc"));
  }

  @Test
  void shouldKeepItsValuesAcrossReleases() {
    // Pinned: a change of algorithm would move every customer's holdout arm and every offer event id.
    assertThat(StableHash.of("holdout", "spring-garden", "c-1")).isEqualTo(8607448958255217444L);
    assertThat(StableHash.uuid("c-1", "o-garden-10", "EMAIL", "t-1"))
        .hasToString("137cda8d-4953-30b5-8124-e26455cb5348");
  }
}
