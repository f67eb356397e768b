package io.persona.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrequencyCapsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final FrequencyCaps ONE_A_DAY_THREE_A_WEEK = new FrequencyCaps(List.of(
      new FrequencyCaps.Rule(1, Duration.ofDays(1)), new FrequencyCaps.Rule(3, Duration.ofDays(7))));

  @ParameterizedTest(name = "sent at hours {0}; another at hour {1} allowed: {2}")
  @CsvSource({
      "'',            0,   true",
      "'0',           1,   false",
      "'0',           24,  true",
      "'0,24',        47,  false",
      "'0,24,48',     72,  false",
      "'0,24,48',     168, true",
      "'0,24,48',     169, true"})
  void shouldAllowASendOnlyWithinEveryRule(String sentAtHours, long atHour, boolean allowed) {
    List<Instant> sends = new ArrayList<>();
    for (String hour : sentAtHours.split(",")) {
      if (!hour.isBlank()) {
        sends.add(T0.plus(Duration.ofHours(Long.parseLong(hour.trim()))));
      }
    }

    assertThat(ONE_A_DAY_THREE_A_WEEK.allows(sends, T0.plus(Duration.ofHours(atHour)))).isEqualTo(allowed);
  }

  @Test
  void shouldForgetSendsNoRuleCanSeeAnyMore() {
    List<Instant> sends = ONE_A_DAY_THREE_A_WEEK.record(
        List.of(T0, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2))), T0.plus(Duration.ofDays(8)));

    assertThat(sends).containsExactly(T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(8)));
  }

  @Test
  void shouldParseCapsLikeOneADayAndThreeAWeek() {
    FrequencyCaps parsed = FrequencyCaps.parse("1/1d, 3/7d");

    assertThat(parsed.longest()).isEqualTo(Duration.ofDays(7));
    assertThat(parsed.allows(List.of(T0), T0.plus(Duration.ofHours(23)))).isFalse();
    assertThat(parsed.allows(List.of(T0), T0.plus(Duration.ofHours(24)))).isTrue();
    assertThat(FrequencyCaps.parse("").allows(List.of(T0, T0, T0), T0)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"'1 per day'", "'1/0d'", "'x/1d'", "'1/1w'"})
  void shouldRejectACapThatIsNotARule(String spec) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FrequencyCaps.parse(spec))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a cap like 1/1d");
  }
}
