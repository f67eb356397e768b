package io.persona.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchTrafficTest {
  @Test
  void shouldMakeTheSameTrafficFromTheSameSeed() {
    assertThat(events(7, 5_000)).isEqualTo(events(7, 5_000)).isNotEqualTo(events(8, 5_000));
  }

  @Test
  void shouldMixOneBasketInTwentyEventsWithAFewProductsFarMorePopularThanTheRest() {
    long[] clicks = {0};
    long[] baskets = {0};
    Map<String, Integer> bought = new HashMap<>();
    new BenchTraffic(3, 1_000_000).generate(200_000, click -> clicks[0]++, basket -> {
      baskets[0]++;
      basket.getLineItems().forEach(line -> bought.merge(line.getProductId(), 1, Integer::sum));
    });

    double share = (double) baskets[0] / (clicks[0] + baskets[0]);
    assertThat(share).isBetween(0.045, 0.055);
    List<Integer> counts = new ArrayList<>(bought.values());
    counts.sort((a, b) -> b - a);
    assertThat(counts.get(0)).as("Zipf: the best seller against the 100th").isGreaterThan(20 * counts.get(99));
  }

  private static List<String> events(long seed, long n) {
    List<String> events = new ArrayList<>();
    new BenchTraffic(seed, 1_000).generate(n, click -> events.add(click.toString()),
        basket -> events.add(basket.toString()));
    return events;
  }
}
