package io.persona.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.PurchaseCycle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PurchaseCyclesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void shouldLearnTheMeanIntervalBetweenPurchasesOfAProduct() {
    List<PurchaseCycle> cycles = buy(List.of(), "coffee", 0, 7, 21);

    assertThat(cycles).singleElement().satisfies(c -> {
      assertThat(c.getPurchases()).isEqualTo(3);
      assertThat(c.getMeanIntervalMillis()).isEqualTo(Duration.ofDays(21).toMillis() / 2);
      assertThat(c.getLastPurchaseAt()).isEqualTo(day(21));
      assertThat(PurchaseCycles.nextDue(c)).isEqualTo(day(21).plus(Duration.ofMillis(c.getMeanIntervalMillis())));
    });
  }

  @Test
  void shouldLearnTheSameCycleWhateverTheOrderOfPurchases() {
    assertThat(buy(List.of(), "coffee", 21, 0, 7)).isEqualTo(buy(List.of(), "coffee", 0, 7, 21));
  }

  @Test
  void shouldLearnTheSameCycleWhateverTheOrderEvenWithTwoBasketsOnOneDay() {
    List<PurchaseCycle> inOrder = PurchaseCycles.record(buy(List.of(), "coffee", 0, 5), "coffee",
        day(5).plus(Duration.ofHours(6)), 10);
    inOrder = buy(inOrder, "coffee", 10);
    List<PurchaseCycle> shuffled = PurchaseCycles.record(buy(List.of(), "coffee", 0, 10), "coffee",
        day(5).plus(Duration.ofHours(6)), 10);
    shuffled = buy(shuffled, "coffee", 5);

    assertThat(shuffled).isEqualTo(inOrder);
    assertThat(inOrder.get(0).getPurchases()).isEqualTo(4);
  }

  @Test
  void shouldKeepRepeatPurchasesBeforeSinglePurchasesWhenFull() {
    List<PurchaseCycle> cycles = buy(List.of(), "coffee", 0, 7);
    cycles = PurchaseCycles.record(cycles, "tea", day(8), 2);
    cycles = PurchaseCycles.record(cycles, "milk", day(9), 2);

    assertThat(cycles).extracting(PurchaseCycle::getProductId).containsExactly("coffee", "milk");
  }

  private static List<PurchaseCycle> buy(List<PurchaseCycle> cycles, String product, int... days) {
    for (int d : days) {
      cycles = PurchaseCycles.record(cycles, product, day(d), 10);
    }
    return cycles;
  }

  private static Instant day(int d) {
    return T0.plus(Duration.ofDays(d));
  }
}
