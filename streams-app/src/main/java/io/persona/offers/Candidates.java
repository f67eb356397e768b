package io.persona.offers;

import io.persona.avro.AffinityScore;
import io.persona.avro.CustomerProfile;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.ProductNeighbours;
import io.persona.avro.PurchaseCycle;
import io.persona.learning.CoPurchases;
import io.persona.profile.Affinities;
import io.persona.profile.Decay;
import io.persona.profile.PurchaseCycles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The offers worth ranking for one customer, found by index lookups from what the profile says: their strongest
 * categories, brands and products, products due for replenishment, products in the cart, products bought with those
 * ("similar-to"), and popular products when little else is known. Each source adds relevance and a reason a person
 * can read; an offer found by several sources sums them.
 */
public final class Candidates {
  static final int TOP_CATEGORIES = 5;
  static final int TOP_BRANDS = 5;
  static final int TOP_PRODUCTS = 10;
  static final int SIMILAR_PER_PRODUCT = 5;
  /** Categories that count as the customer's own, for the diversity floor. */
  static final int HOME_CATEGORIES = 3; // of the TOP_CATEGORIES
  /** Below this many candidates, popular products fill in (cold start). */
  static final int ENOUGH = 5;
  private static final int POPULAR = 20;
  private static final int POPULARITY_BONUS_RANKS = 100;
  private static final double POPULARITY_BONUS = 0.2;

  private final OfferIndex catalog;
  private final Function<String, ProductNeighbours> neighbours;
  private final PopularProducts popular;
  private final Decay decay;
  private final CoPurchases coPurchases;

  public Candidates(OfferIndex catalog, Function<String, ProductNeighbours> neighbours, PopularProducts popular,
      Decay decay, CoPurchases coPurchases) {
    this.catalog = catalog;
    this.neighbours = neighbours;
    this.popular = popular;
    this.decay = decay;
    this.coPurchases = coPurchases;
  }

  /** Candidates for {@code profile} (null for a customer not seen yet) at event time {@code now}. */
  public List<Ranker.Candidate> find(CustomerProfile profile, List<String> cart, Instant now) {
    Found found = new Found();
    Map<String, Double> seeds = new LinkedHashMap<>(); // product -> how strongly it speaks for its neighbours
    Set<String> home = Set.of();
    Map<String, Double> products = Map.of();
    if (profile != null) {
      Map<String, Double> categories = relativeStrengths(profile.getCategoryAffinities(), now, TOP_CATEGORIES);
      home = categories.keySet().stream().limit(HOME_CATEGORIES).collect(Collectors.toUnmodifiableSet());
      fromAffinities(found, categories, "category", catalog::forCategory);
      fromAffinities(found, relativeStrengths(profile.getBrandAffinities(), now, TOP_BRANDS), "brand",
          catalog::forBrand);
      products = relativeStrengths(profile.getProductAffinities(), now, TOP_PRODUCTS);
      fromAffinities(found, products, "product", catalog::forProduct);
      fromReplenishment(found, profile.getPurchaseCycles(), now);
      fromRepeats(found, profile.getPurchaseCycles());
    }
    for (String product : cart) {
      catalog.forProduct(product).forEach(offer -> found.add(offer, 1.0, "cart:product=" + product));
      seeds.put(product, 1.0);
    }
    products.entrySet().stream().limit(SIMILAR_PER_PRODUCT).forEach(p -> seeds.putIfAbsent(p.getKey(), p.getValue()));
    fromSimilar(found, seeds, now);
    fromPopularity(found);
    if (found.size() < ENOUGH) {
      for (String product : popular.top(POPULAR)) {
        catalog.forProduct(product).forEach(offer -> found.add(offer, 0.2, "popular:product=" + product));
      }
    }
    return found.candidates(home, Set.copyOf(cart), profile);
  }

  private static void fromAffinities(Found found, Map<String, Double> strengths, String what,
      Function<String, List<OfferCatalogEntry>> lookup) {
    strengths.forEach((key, weight) ->
        lookup.apply(key).forEach(offer -> found.add(offer, weight, "affinity:" + what + "=" + key)));
  }

  /** The {@code top} strongest interests now, strongest first, each relative to the strongest (1.0); none at zero. */
  private Map<String, Double> relativeStrengths(List<AffinityScore> scores, Instant now, int top) {
    Map<String, Double> strengths = new LinkedHashMap<>();
    List<AffinityScore> sorted = sortedByValue(scores, now);
    double strongest = sorted.isEmpty() ? 0 : Affinities.valueAt(sorted.get(0), now, decay);
    for (AffinityScore score : sorted.subList(0, Math.min(top, sorted.size()))) {
      double value = Affinities.valueAt(score, now, decay);
      if (value <= 0) {
        break;
      }
      strengths.put(score.getKey(), value / strongest);
    }
    return strengths;
  }

  /** A product whose next purchase is due (within a tenth of its cycle) is worth a replenishment offer. */
  private void fromReplenishment(Found found, List<PurchaseCycle> cycles, Instant now) {
    for (PurchaseCycle cycle : cycles) {
      if (cycle.getPurchases() < 2 || cycle.getMeanIntervalMillis() <= 0) {
        continue;
      }
      Instant due = PurchaseCycles.nextDue(cycle).minusMillis(cycle.getMeanIntervalMillis() / 10);
      if (!now.isBefore(due)) {
        catalog.forProduct(cycle.getProductId())
            .forEach(offer -> found.add(offer, 1.0, "replenish:product=" + cycle.getProductId()));
      }
    }
  }

  /** Among offers found, one on a product many customers buy is a little likelier to be bought again. */
  private void fromPopularity(Found found) {
    List<String> top = popular.top(POPULARITY_BONUS_RANKS);
    for (int i = 0; i < top.size(); i++) {
      double bonus = POPULARITY_BONUS * (1 - (double) i / top.size());
      String product = top.get(i);
      catalog.forProduct(product).stream().filter(found::has)
          .forEach(offer -> found.add(offer, bonus, "popular:product=" + product));
    }
  }

  /** Products the customer bought again and again, each relative to their most repeated one. */
  private void fromRepeats(Found found, List<PurchaseCycle> cycles) {
    int most = cycles.stream().mapToInt(PurchaseCycle::getPurchases).max().orElse(0);
    for (PurchaseCycle cycle : cycles) {
      if (cycle.getPurchases() >= 2) {
        double strength = (double) cycle.getPurchases() / most;
        catalog.forProduct(cycle.getProductId())
            .forEach(offer -> found.add(offer, strength, "repeat:product=" + cycle.getProductId()));
      }
    }
  }

  /** What others bought with the seeds, worth half as much as the seed is to the customer. */
  private void fromSimilar(Found found, Map<String, Double> seeds, Instant now) {
    seeds.forEach((seed, strength) -> {
      ProductNeighbours bought = neighbours.apply(seed);
      if (bought == null) {
        return;
      }
      for (String product : coPurchases.similarTo(bought.getNeighbours(), now, SIMILAR_PER_PRODUCT)) {
        catalog.forProduct(product).forEach(offer -> found.add(offer, 0.5 * strength, "similar-to:product=" + seed));
      }
    });
  }

  private List<AffinityScore> sortedByValue(List<AffinityScore> scores, Instant now) {
    List<AffinityScore> sorted = new ArrayList<>(scores);
    sorted.sort(Comparator.comparingDouble((AffinityScore s) -> Affinities.valueAt(s, now, decay)).reversed()
        .thenComparing(AffinityScore::getKey));
    return sorted;
  }

  /** Relevance and reasons per offer, in the order offers were first found (so ranking ties replay the same). */
  private static final class Found {
    private final Map<String, OfferCatalogEntry> offers = new LinkedHashMap<>();
    private final Map<String, Double> relevance = new LinkedHashMap<>();
    private final Map<String, List<String>> reasons = new LinkedHashMap<>();

    void add(OfferCatalogEntry offer, double weight, String reason) {
      String id = offer.getOfferId();
      offers.put(id, offer);
      relevance.merge(id, weight, Double::sum);
      List<String> why = reasons.computeIfAbsent(id, k -> new ArrayList<>());
      if (!why.contains(reason)) {
        why.add(reason);
      }
    }

    boolean has(OfferCatalogEntry offer) {
      return offers.containsKey(offer.getOfferId());
    }

    int size() {
      return offers.size();
    }

    List<Ranker.Candidate> candidates(Set<String> home, Set<String> cart, CustomerProfile profile) {
      Set<String> ownProducts = profile == null ? Set.of() : profile.getProductAffinities().stream()
          .map(AffinityScore::getKey).collect(Collectors.toSet());
      List<Ranker.Candidate> candidates = new ArrayList<>(offers.size());
      offers.forEach((id, offer) -> candidates.add(new Ranker.Candidate(id, relevance.get(id), reasons.get(id),
          isHome(offer, home, cart, ownProducts))));
      return candidates;
    }

    /** Within the customer's usual interests: their top categories, or a product they already know. */
    private static boolean isHome(OfferCatalogEntry offer, Set<String> home, Set<String> cart, Set<String> own) {
      if (offer.getTargetCategory() != null) {
        return home.contains(offer.getTargetCategory());
      }
      String product = offer.getTargetProductId();
      return product != null && (cart.contains(product) || own.contains(product));
    }
  }
}
