package io.persona.offers;

import static io.persona.TestEvents.T0;
import static io.persona.TestEvents.offer;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.AffinityScore;
import io.persona.avro.CustomerProfile;
import io.persona.avro.ProductNeighbours;
import io.persona.avro.PurchaseCycle;
import io.persona.learning.CoPurchases;
import io.persona.offers.Ranker.Candidate;
import io.persona.profile.Decay;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CandidatesTest {
  private static final Decay DECAY = new Decay(Duration.ofDays(30));

  private final OfferViews views = new OfferViews(DECAY);
  private final Map<String, ProductNeighbours> neighbours = new HashMap<>();
  private Candidates candidates;

  @BeforeEach
  void catalog() {
    views.catalog().apply("o-garden", offer("o-garden", null, "garden"));
    views.catalog().apply("o-kitchen", offer("o-kitchen", null, "kitchen"));
    views.catalog().apply("o-hose", offer("o-hose", "p-hose", "garden"));
    views.catalog().apply("o-nozzle", offer("o-nozzle", "p-nozzle", "watering"));
    views.catalog().apply("o-coffee", offer("o-coffee", "p-coffee", "pantry"));
    candidates = new Candidates(views.catalog(), neighbours::get, views.popular(), DECAY,
        new CoPurchases(DECAY, 20, 20));
  }

  @Test
  void shouldScoreCategoryOffersByAffinityRelativeToTheStrongestAndSayWhy() {
    CustomerProfile profile = profile(List.of(score("garden", 10), score("kitchen", 5)), List.of(), List.of());

    Map<String, Candidate> found = byId(candidates.find(profile, List.of(), T0));

    assertThat(found.get("o-garden").relevance()).isEqualTo(1.0);
    assertThat(found.get("o-garden").reasons()).containsExactly("affinity:category=garden");
    assertThat(found.get("o-kitchen").relevance()).isEqualTo(0.5);
    assertThat(found.get("o-garden").inTopCategories()).isTrue();
  }

  @Test
  void shouldSumTheRelevanceOfAnOfferFoundSeveralWays() {
    CustomerProfile profile = profile(List.of(score("garden", 10)), List.of(score("p-hose", 4)), List.of());

    Candidate hose = byId(candidates.find(profile, List.of("p-hose"), T0)).get("o-hose");

    assertThat(hose.reasons()).containsExactly("affinity:category=garden", "affinity:product=p-hose",
        "cart:product=p-hose");
    assertThat(hose.relevance()).isEqualTo(3.0);
  }

  @Test
  void shouldOfferAProductOnlyOnceItsRepurchaseIsDue() {
    PurchaseCycle weeklyCoffee = new PurchaseCycle("p-coffee", 4, Duration.ofDays(7).toMillis(), T0);
    CustomerProfile profile = profile(List.of(), List.of(), List.of(weeklyCoffee));

    assertThat(byId(candidates.find(profile, List.of(), T0.plus(Duration.ofDays(2)))).get("o-coffee").reasons())
        .containsExactly("repeat:product=p-coffee");
    assertThat(byId(candidates.find(profile, List.of(), T0.plus(Duration.ofDays(7)))).get("o-coffee").reasons())
        .containsExactly("replenish:product=p-coffee", "repeat:product=p-coffee");
  }

  @Test
  void shouldWeighProductsBoughtAgainByHowOftenRelativeToTheMostRepeatedOne() {
    CustomerProfile profile = profile(List.of(), List.of(), List.of(
        new PurchaseCycle("p-coffee", 4, Duration.ofDays(30).toMillis(), T0),
        new PurchaseCycle("p-hose", 2, Duration.ofDays(300).toMillis(), T0),
        new PurchaseCycle("p-nozzle", 1, 0L, T0)));

    Map<String, Candidate> found = byId(candidates.find(profile, List.of(), T0));

    assertThat(found.get("o-coffee").relevance()).isEqualTo(1.0);
    assertThat(found.get("o-hose").relevance()).isEqualTo(0.5);
    assertThat(found).doesNotContainKey("o-nozzle");
  }

  @Test
  void shouldLetPopularityBreakATieBetweenOffersFoundForTheCustomer() {
    views.popular().update("p-coffee", score("p-coffee", 50));
    CustomerProfile profile = profile(List.of(score("garden", 1), score("kitchen", 1), score("pantry", 1)),
        List.of(score("p-coffee", 4), score("p-hose", 4)), List.of());

    Map<String, Candidate> found = byId(candidates.find(profile, List.of(), T0));

    assertThat(found.get("o-coffee").relevance()).isGreaterThan(found.get("o-hose").relevance());
    assertThat(found.get("o-coffee").reasons()).contains("popular:product=p-coffee");
    assertThat(found.get("o-hose").reasons()).noneMatch(reason -> reason.startsWith("popular:"));
  }

  @Test
  void shouldOfferWhatIsBoughtWithTheCartAsOutsideTheUsualCategories() {
    neighbours.put("p-hose", new ProductNeighbours("p-hose", score("p-hose", 3),
        List.of(score("p-nozzle", 2)), T0));

    Candidate nozzle = byId(candidates.find(null, List.of("p-hose"), T0)).get("o-nozzle");

    assertThat(nozzle.reasons()).containsExactly("similar-to:product=p-hose");
    assertThat(nozzle.inTopCategories()).isFalse();
  }

  @Test
  void shouldFallBackOnPopularProductsForACustomerNeverSeen() {
    views.popular().update("p-coffee", score("p-coffee", 50));

    assertThat(candidates.find(null, List.of(), T0)).singleElement().satisfies(c -> {
      assertThat(c.offerId()).isEqualTo("o-coffee");
      assertThat(c.reasons()).containsExactly("popular:product=p-coffee");
    });
  }

  @Test
  void shouldRankPopularityByDecayedPurchasesWhateverWhenEachWasLastUpdated() {
    PopularProducts popular = new PopularProducts(DECAY, 10);
    popular.update("p-old-favourite", new AffinityScore("p-old-favourite", 100.0, T0));
    popular.update("p-recent", new AffinityScore("p-recent", 30.0, T0.plus(Duration.ofDays(60))));
    popular.update("p-rare", new AffinityScore("p-rare", 1.0, T0.plus(Duration.ofDays(60))));

    // 100 two half-lives ago is worth 25 now: less than 30.
    assertThat(popular.top(3)).containsExactly("p-recent", "p-old-favourite", "p-rare");
  }

  private static Map<String, Candidate> byId(List<Candidate> found) {
    Map<String, Candidate> byId = new HashMap<>();
    found.forEach(c -> byId.put(c.offerId(), c));
    return byId;
  }

  private static AffinityScore score(String key, double value) {
    return new AffinityScore(key, value, T0);
  }

  private static CustomerProfile profile(List<AffinityScore> categories, List<AffinityScore> products,
      List<PurchaseCycle> cycles) {
    Instant at = T0;
    return CustomerProfile.newBuilder().setCustomerId("c-1").setFirstSeen(at).setLastSeen(at)
        .setCategoryAffinities(categories).setProductAffinities(products).setPurchaseCycles(cycles).build();
  }
}
