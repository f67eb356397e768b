package io.persona.learn;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.persona.avro.AffinityScore;
import io.persona.profile.Decay;
import io.persona.testkit.TestEvents;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoPurchasesTest {
  private final CoPurchases coPurchases = new CoPurchases(new Decay(Duration.ofDays(30)), 3, 4);

  @Test
  void shouldPairEveryProductWithItsBasketMatesSharingItsWeight() {
    List<CoPurchases.Pair> pairs = coPurchases.pairs(TestEvents.basket("t-1", "c-1", T0,
        line("hose", "garden", "acme", 1, 20), line("gloves", "garden", "acme", 2, 6),
        line("seeds", "garden", "acme", 1, 3)));

    assertThat(pairs).hasSize(6).allSatisfy(p -> assertThat(p.weight()).isCloseTo(0.5, within(1e-12)));
    assertThat(pairs).filteredOn(p -> p.product().equals("hose")).extracting(CoPurchases.Pair::neighbour)
        .containsExactly("gloves", "seeds");
  }

  @Test
  void shouldLearnNothingFromASingleProductOrAReturn() {
    assertThat(coPurchases.pairs(TestEvents.basket("t-1", "c-1", T0, line("hose", "garden", "acme", 1, 20))))
        .isEmpty();
    assertThat(coPurchases.pairs(TestEvents.basket("t-2", "c-1", T0, line("hose", "garden", "acme", 1, 20),
        line("gloves", "garden", "acme", -1, 6)))).isEmpty();
  }

  @Test
  void shouldBoundTheWorkOfAHugeBasket() {
    var lines = new io.persona.avro.LineItem[50];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = line("p-" + i, "c", "b", 1, 1);
    }

    assertThat(coPurchases.pairs(TestEvents.basket("t-1", "c-1", T0, lines))).hasSize(4 * 3);
  }

  @Test
  void shouldSuggestWhatIsMostOftenBoughtTogetherKeepingFewNeighbours() {
    Map<String, List<AffinityScore>> neighbours = new HashMap<>();
    learn(neighbours, "hose", "gloves");
    learn(neighbours, "hose", "gloves");
    learn(neighbours, "hose", "gloves", "seeds");
    learn(neighbours, "hose", "rake");
    learn(neighbours, "hose", "sprinkler");
    learn(neighbours, "hose", "sprinkler");

    assertThat(coPurchases.published(neighbours.get("hose"))).extracting(AffinityScore::getKey)
        .containsExactly("gloves", "sprinkler", "rake");
  }

  @Test
  void shouldPublishTheSameNeighboursWhateverTheOrderTheBasketsCameIn() {
    String[][] baskets = {
      {"hose", "gloves"}, {"hose", "seeds"}, {"hose", "rake"}, {"hose", "gloves"}, {"hose", "pots"},
      {"hose", "sprinkler"}, {"hose", "seeds"}};
    Map<String, List<AffinityScore>> forward = new HashMap<>();
    Map<String, List<AffinityScore>> backward = new HashMap<>();
    for (int i = 0; i < baskets.length; i++) {
      learn(forward, baskets[i]);
      learn(backward, baskets[baskets.length - 1 - i]);
    }

    // with only 3 kept while learning, the third place would go to whichever of rake, pots, sprinkler came last
    assertThat(coPurchases.published(forward.get("hose"))).extracting(AffinityScore::getKey)
        .containsExactly("gloves", "seeds", "pots")
        .isEqualTo(coPurchases.published(backward.get("hose")).stream().map(AffinityScore::getKey).toList());
  }

  private void learn(Map<String, List<AffinityScore>> neighbours, String... products) {
    var lines = new io.persona.avro.LineItem[products.length];
    for (int i = 0; i < products.length; i++) {
      lines[i] = line(products[i], "garden", "acme", 1, 1);
    }
    for (CoPurchases.Pair pair : coPurchases.pairs(TestEvents.basket("t", "c", T0, lines))) {
      neighbours.put(pair.product(), coPurchases.learn(neighbours.getOrDefault(pair.product(), List.of()), pair));
    }
  }
}
