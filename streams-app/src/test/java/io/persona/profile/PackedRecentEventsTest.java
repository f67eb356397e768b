package io.persona.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackedRecentEventsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Duration WINDOW = Duration.ofHours(1);
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  @ParameterizedTest(name = "id {0} again after {1} min: duplicate={2}")
  @CsvSource({"e-1, 0, true", "e-1, 59, true", "e-1, 61, false", "e-2, 0, false", "e-1, -30, true"})
  void shouldCallTheSameIdWithinTheWindowADuplicate(String id, long minutes, boolean duplicate) {
    ByteBuffer seen = PackedRecentEvents.remember(EMPTY, "e-1", T0, WINDOW, 10);

    assertThat(PackedRecentEvents.isDuplicate(seen, id, T0.plus(Duration.ofMinutes(minutes)), WINDOW))
        .isEqualTo(duplicate);
  }

  @Test
  void shouldKeepSixteenBytesAnIdAndDropTheOldestOverTheCap() {
    ByteBuffer seen = EMPTY;
    for (int i = 0; i < 6; i++) {
      seen = PackedRecentEvents.remember(seen, "e-" + i, T0.plus(Duration.ofMinutes(i)), WINDOW, 4);
    }

    assertThat(seen.remaining()).isEqualTo(4 * 16);
    assertThat(PackedRecentEvents.isDuplicate(seen, "e-1", T0.plus(Duration.ofMinutes(6)), WINDOW)).isFalse();
    assertThat(PackedRecentEvents.isDuplicate(seen, "e-2", T0.plus(Duration.ofMinutes(6)), WINDOW)).isTrue();
  }

  @Test
  void shouldForgetIdsOlderThanTheWindowBeforeTheNewest() {
    ByteBuffer seen = PackedRecentEvents.remember(EMPTY, "e-old", T0, WINDOW, 10);

    seen = PackedRecentEvents.remember(seen, "e-new", T0.plus(Duration.ofHours(3)), WINDOW, 10);

    assertThat(seen.remaining()).isEqualTo(16);
  }

  @Test
  void shouldKeepAnOutOfOrderIdInTimeOrder() {
    ByteBuffer seen = PackedRecentEvents.remember(EMPTY, "e-2", T0.plus(Duration.ofMinutes(10)), WINDOW, 2);
    seen = PackedRecentEvents.remember(seen, "e-1", T0, WINDOW, 2);
    seen = PackedRecentEvents.remember(seen, "e-3", T0.plus(Duration.ofMinutes(20)), WINDOW, 2);

    assertThat(PackedRecentEvents.isDuplicate(seen, "e-1", T0, WINDOW)).isFalse();
    assertThat(PackedRecentEvents.isDuplicate(seen, "e-2", T0.plus(Duration.ofMinutes(10)), WINDOW)).isTrue();
  }

  @Test
  void shouldHashTheSameEverywhere() {
    assertThat(PackedRecentEvents.hash("e-1")).isEqualTo(PackedRecentEvents.hash("e-1")).isNotEqualTo(PackedRecentEvents.hash("e-2"));
  }
}
