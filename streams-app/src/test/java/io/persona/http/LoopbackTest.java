package io.persona.http;

import static io.persona.http.Loopback.isLoopback;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTest {
  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "::1"})
  void shouldTreatTheLoopbackNamesAsThisMachineOnly(String host) {
    assertThat(isLoopback(host)).isTrue();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"0.0.0.0", "10.0.0.5", "persona.example", ""})
  void shouldTreatAnyOtherHostAsReachableFromTheNetwork(String host) {
    assertThat(isLoopback(host)).isFalse();
  }
}
