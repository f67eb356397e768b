package io.persona.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParamsTest {
  @Test
  void shouldDecodeNamesAndValuesAndKeepTheLastOfARepeatedName() {
    assertThat(QueryParams.of(URI.create("/x?channel=pos&k=3&k=5&offer=o%2Fgarden+1&empty=&bare")))
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "channel", "pos", "k", "5", "offer", "o/garden 1", "empty", ""));
  }

  @Test
  void shouldBeEmptyWithoutAQuery() {
    assertThat(QueryParams.of(URI.create("/x"))).isEmpty();
  }
}
