package io.persona.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.SeenEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecentEventsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Duration WINDOW = Duration.ofHours(1);

  @ParameterizedTest(name = "id {0} again after {1} min: duplicate={2}")
  @CsvSource({"e-1, 0, true", "e-1, 59, true", "e-1, 61, false", "e-2, 0, false", "e-1, -30, true"})
  void shouldCallTheSameIdWithinTheWindowADuplicate(String id, long minutes, boolean duplicate) {
    List<SeenEvent> seen = RecentEvents.remember(List.of(), "e-1", T0, WINDOW, 10);

    assertThat(RecentEvents.isDuplicate(seen, id, T0.plus(Duration.ofMinutes(minutes)), WINDOW)).isEqualTo(duplicate);
  }

  @Test
  void shouldForgetIdsOlderThanTheWindowAndKeepAtMostTheCap() {
    List<SeenEvent> seen = List.of();
    for (int i = 0; i < 10; i++) {
      seen = RecentEvents.remember(seen, "e-" + i, T0.plus(Duration.ofMinutes(i)), WINDOW, 4);
    }
    seen = RecentEvents.remember(seen, "late", T0.plus(Duration.ofMinutes(200)), WINDOW, 4);

    assertThat(seen).extracting(SeenEvent::getId).containsExactly("late");
  }

  @Test
  void shouldDropTheOldestWhenOverTheCap() {
    List<SeenEvent> seen = List.of();
    for (int i = 0; i < 6; i++) {
      seen = RecentEvents.remember(seen, "e-" + i, T0.plus(Duration.ofMinutes(i)), WINDOW, 4);
    }

    assertThat(seen).extracting(SeenEvent::getId).containsExactly("e-2", "e-3", "e-4", "e-5");
  }
}
