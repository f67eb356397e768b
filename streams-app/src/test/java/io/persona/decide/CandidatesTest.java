package io.persona.decide;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.persona.avro.AffinityScore;
import io.persona.avro.CustomerProfile;
import io.persona.avro.ProductNeighbours;
import io.persona.avro.PurchaseCycle;
import io.persona.decide.Ranker.Candidate;
import io.persona.profile.Decay;
import io.persona.profile.ForgottenPurchases;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CandidatesTest {
  private static final Decay DECAY = new Decay(Duration.ofDays(30));
  private static final RelevanceWeights WEIGHTS = new RelevanceWeights(0.05, 3.0, 0.25, 10, 10);

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
    views.catalog().apply("o-mug", offer("o-mug", "p-mug", "pantry"));
    candidates = new Candidates(views.catalog(), neighbours::get, views.popular(), DECAY, WEIGHTS);
  }

  @Test
  void shouldScoreABoughtProductByTheShareOfTheCustomersBasketsThatHeldIt() {
    CustomerProfile profile = buyer(10, cycle("p-coffee", 4), cycle("p-hose", 2));

    Map<String, Candidate> found = byId(candidates.find(profile, List.of(), T0, 0));

    assertThat(found.get("o-coffee").relevance()).isEqualTo(0.4);
    assertThat(found.get("o-coffee").reasons()).containsExactly("bought:product=p-coffee");
    assertThat(found.get("o-hose").relevance()).isEqualTo(0.2);
  }

  @Test
  void shouldCountThreeSmallRepeatsAboveOneLargeOrderWhateverItsQuantity() {
    // quantities never reach relevance: a basket counts once per product
    CustomerProfile profile = buyer(4, cycle("p-coffee", 3), cycle("p-hose", 1));

    Map<String, Candidate> found = byId(candidates.find(profile, List.of(), T0, 0));

    assertThat(found.get("o-coffee").relevance()).isGreaterThan(found.get("o-hose").relevance());
  }

  @Test
  void shouldLetPopularityBreakATieBetweenProductsBoughtEquallyOften() {
    views.popular().update("p-coffee", new AffinityScore("p-coffee", 50.0, T0));
    views.popular().update("p-hose", new AffinityScore("p-hose", 5.0, T0));
    CustomerProfile profile = buyer(5, cycle("p-hose", 1), cycle("p-coffee", 1));

    Map<String, Candidate> found = byId(candidates.find(profile, List.of(), T0, 0));

    assertThat(found.get("o-coffee").relevance()).isCloseTo(0.2 + 0.05, within(1e-9));
    assertThat(found.get("o-hose").relevance()).isCloseTo(0.2 + 0.05 * 0.1, within(1e-9));
  }

  @Test
  void shouldScoreANewProductByItsNeighboursAmongTheCustomersOwnAndNotJustByTheirPopularity() {
    views.popular().update("p-hose", new AffinityScore("p-hose", 4.0, T0));
    views.popular().update("p-nozzle", new AffinityScore("p-nozzle", 4.0, T0));
    views.popular().update("p-mug", new AffinityScore("p-mug", 400.0, T0));
    // as often bought with the hose, but the mug is in a hundred times more baskets: a weaker neighbour
    neighbours.put("p-hose", new ProductNeighbours("p-hose", new AffinityScore("p-hose", 4.0, T0),
        List.of(new AffinityScore("p-mug", 2.0, T0), new AffinityScore("p-nozzle", 2.0, T0)), T0));
    CustomerProfile profile = buyer(2, cycle("p-hose", 2));

    Map<String, Candidate> found = byId(candidates.find(profile, List.of(), T0, 0));

    // 3.0 x (1.0 x 2 / sqrt(4 x 4)), plus 0.05 x 4 / 400 for popularity
    assertThat(found.get("o-nozzle").relevance()).isCloseTo(1.5 + 0.0005, within(1e-9));
    assertThat(found.get("o-nozzle").reasons()).containsExactly("similar-to:product=p-hose");
    assertThat(found.get("o-mug").relevance()).isLessThan(found.get("o-nozzle").relevance());
    assertThat(found.get("o-nozzle").inTopCategories()).isFalse();
    assertThat(found.get("o-hose").inTopCategories()).isTrue();
  }

  @Test
  void shouldRankTheCartFirstAndLookUpWhatIsBoughtWithIt() {
    views.popular().update("p-nozzle", new AffinityScore("p-nozzle", 1.0, T0));
    neighbours.put("p-hose", new ProductNeighbours("p-hose", new AffinityScore("p-hose", 1.0, T0),
        List.of(new AffinityScore("p-nozzle", 0.1, T0)), T0));

    Map<String, Candidate> found = byId(candidates.find(null, List.of("p-hose"), T0, 0));

    assertThat(found.get("o-hose").relevance()).isEqualTo(1.0);
    assertThat(found.get("o-hose").reasons()).containsExactly("cart:product=p-hose");
    assertThat(found.get("o-nozzle").reasons()).containsExactly("similar-to:product=p-hose");
  }

  @Test
  void shouldScoreCategoryOffersByInterestRelativeToTheStrongest() {
    CustomerProfile profile = buyer(0).setCategoryAffinities(List.of(score("garden", 10), score("kitchen", 5)))
        .build();

    Map<String, Candidate> found = byId(candidates.find(profile, List.of(), T0, 0));

    assertThat(found.get("o-garden").relevance()).isEqualTo(0.25);
    assertThat(found.get("o-garden").reasons()).containsExactly("affinity:category=garden");
    assertThat(found.get("o-kitchen").relevance()).isEqualTo(0.125);
    assertThat(found.get("o-garden").inTopCategories()).isTrue();
    assertThat(found).as("a product offer is scored by its product, not by its category").doesNotContainKey("o-hose");
  }

  @Test
  void shouldSayARepurchaseIsDueWithoutChangingItsRelevance() {
    PurchaseCycle weeklyCoffee = new PurchaseCycle("p-coffee", 4, Duration.ofDays(7).toMillis(), T0);
    CustomerProfile profile = buyer(8).setPurchaseCycles(List.of(weeklyCoffee)).build();

    Candidate early = byId(candidates.find(profile, List.of(), T0.plus(Duration.ofDays(2)), 0)).get("o-coffee");
    Candidate due = byId(candidates.find(profile, List.of(), T0.plus(Duration.ofDays(7)), 0)).get("o-coffee");

    assertThat(early.reasons()).containsExactly("bought:product=p-coffee");
    assertThat(due.reasons()).containsExactly("bought:product=p-coffee", "replenish:product=p-coffee");
    assertThat(due.relevance()).isEqualTo(early.relevance());
  }

  @Test
  void shouldFillTheListWithPopularProductsForACustomerNeverSeen() {
    views.popular().update("p-coffee", new AffinityScore("p-coffee", 50.0, T0));
    views.popular().update("p-mug", new AffinityScore("p-mug", 25.0, T0));

    assertThat(candidates.find(null, List.of(), T0, 10)).extracting(Candidate::offerId)
        .containsExactly("o-coffee", "o-mug");
    assertThat(candidates.find(null, List.of(), T0, 10).get(0).reasons()).containsExactly("popular:product=p-coffee");
  }

  @Test
  void shouldDiscoverOnlyProductsTheCustomerNeverBoughtNeighboursBeforePopularity() {
    views.popular().update("p-coffee", new AffinityScore("p-coffee", 50.0, T0));
    views.popular().update("p-mug", new AffinityScore("p-mug", 40.0, T0));
    views.popular().update("p-nozzle", new AffinityScore("p-nozzle", 1.0, T0));
    neighbours.put("p-hose", new ProductNeighbours("p-hose", new AffinityScore("p-hose", 4.0, T0),
        List.of(new AffinityScore("p-nozzle", 1.0, T0), new AffinityScore("p-coffee", 1.0, T0)), T0));
    CustomerProfile profile = buyer(3, cycle("p-hose", 2), cycle("p-coffee", 1));

    List<Candidate> found = candidates.discover(profile, List.of(), T0, 10);

    assertThat(found).extracting(Candidate::offerId).containsExactly("o-nozzle", "o-mug");
    assertThat(found.get(1).reasons()).containsExactly("popular:product=p-mug");
  }

  @Test
  void shouldLeaveOutOfDiscoveryAProductBoughtLongAgoThatTheProfileNoLongerLists() {
    views.popular().update("p-coffee", new AffinityScore("p-coffee", 50.0, T0));
    views.popular().update("p-mug", new AffinityScore("p-mug", 40.0, T0));
    CustomerProfile profile = buyer(60).setPurchaseCycles(List.of(cycle("p-hose", 2)))
        .setForgottenPurchases(ForgottenPurchases.add(null, "p-coffee")).build();

    assertThat(candidates.discover(profile, List.of(), T0, 10)).extracting(Candidate::offerId)
        .containsExactly("o-mug");
  }

  @Test
  void shouldRankPopularityByDecayedPurchasesWhateverWhenEachWasLastUpdated() {
    PopularProducts popular = new PopularProducts(DECAY, 10);
    popular.update("p-old-favourite", new AffinityScore("p-old-favourite", 100.0, T0));
    popular.update("p-recent", new AffinityScore("p-recent", 30.0, T0.plus(Duration.ofDays(60))));
    popular.update("p-rare", new AffinityScore("p-rare", 1.0, T0.plus(Duration.ofDays(60))));

    // 100 two half-lives ago is worth 25 now: less than 30.
    assertThat(popular.top(3)).containsExactly("p-recent", "p-old-favourite", "p-rare");
    assertThat(popular.basketsAt("p-old-favourite", T0.plus(Duration.ofDays(60)))).isCloseTo(25.0, within(1e-9));
    assertThat(popular.share("p-recent")).isEqualTo(1.0);
    assertThat(popular.basketsAt("p-unknown", T0.plus(Duration.ofDays(60)))).as("counts as the weakest tracked")
        .isCloseTo(1.0, within(1e-9));
  }

  private static Map<String, Candidate> byId(List<Candidate> found) {
    Map<String, Candidate> byId = new HashMap<>();
    found.forEach(c -> byId.put(c.offerId(), c));
    return byId;
  }

  private static AffinityScore score(String key, double value) {
    return new AffinityScore(key, value, T0);
  }

  private static PurchaseCycle cycle(String product, int baskets) {
    return new PurchaseCycle(product, baskets, baskets > 1 ? Duration.ofDays(30).toMillis() : 0L, T0);
  }

  private static CustomerProfile buyer(int baskets, PurchaseCycle... cycles) {
    return buyer(baskets).setPurchaseCycles(List.of(cycles)).build();
  }

  private static CustomerProfile.Builder buyer(int baskets) {
    return CustomerProfile.newBuilder().setCustomerId("c-1").setFirstSeen(T0).setLastSeen(T0)
        .setPurchaseCount(baskets);
  }
}
