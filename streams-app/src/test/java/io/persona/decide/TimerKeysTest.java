package io.persona.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TimerKeysTest {
  private static final Instant DUE = Instant.ofEpochMilli(1_700_000_000_000L);

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource({"CART, C", "DIGEST, D", "LAPSE, L"})
  void shouldWriteEachKindWithTheLetterStoredTimersAlreadyHold(TimerKind kind, char letter) {
    assertThat(kind.code()).isEqualTo(letter);
    assertThat(TimerKeys.of(new Timer(DUE, kind, "customer-1")))
        .isEqualTo("0001700000000000|" + letter + "|customer-1");
  }

  @ParameterizedTest
  @EnumSource(TimerKind.class)
  void shouldReadBackEveryTimerItWritesEvenWhenTheCustomerIdHoldsTheSeparator(TimerKind kind) {
    Timer timer = new Timer(DUE, kind, "c|1");

    assertThat(TimerKeys.parse(TimerKeys.of(timer))).isEqualTo(timer);
  }

  @Test
  void shouldReadAKeyWrittenBeforeKindsWereTyped() {
    assertThat(TimerKeys.parse("0001700000000000|D|customer-1"))
        .isEqualTo(new Timer(DUE, TimerKind.DIGEST, "customer-1"));
  }

  @Test
  void shouldReadAnUnknownLetterAsALapseAsItAlwaysHas() {
    assertThat(TimerKind.ofCode('X')).isEqualTo(TimerKind.LAPSE);
  }

  @Test
  void shouldSortKeysByDueTimeWithinTheBoundsOfAScan() {
    String early = TimerKeys.of(new Timer(Instant.ofEpochMilli(999), TimerKind.LAPSE, "z"));
    String due = TimerKeys.of(new Timer(Instant.ofEpochMilli(1_000), TimerKind.CART, "a"));
    String late = TimerKeys.of(new Timer(Instant.ofEpochMilli(1_001), TimerKind.CART, "a"));

    assertThat(early).isLessThan(TimerKeys.dueFrom(1_000));
    assertThat(due).isGreaterThanOrEqualTo(TimerKeys.dueFrom(1_000)).isLessThan(TimerKeys.dueThrough(1_000));
    assertThat(late).isGreaterThan(TimerKeys.dueThrough(1_000));
  }
}
