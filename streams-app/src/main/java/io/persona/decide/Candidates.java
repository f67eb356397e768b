package io.persona.decide;

import io.persona.avro.AffinityScore;
import io.persona.avro.CustomerProfile;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.ProductNeighbours;
import io.persona.avro.PurchaseCycle;
import io.persona.profile.Affinities;
import io.persona.profile.Decay;
import io.persona.profile.ForgottenPurchases;
import io.persona.profile.PurchaseCycles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The offers worth ranking for one customer and how relevant each is, frequency first. A product the customer bought
 * scores the share of their baskets that held it; a product new to them scores by how strongly their own products
 * (and cart) are bought with it, normalised by both products' popularity (item-to-item collaborative filtering); every
 * product adds a little of its popularity, which breaks ties and fills the list. Browsing interest (products viewed,
 * categories, brands) and the cart add on the same scale. Found by index lookups, never a catalog scan, and bounded:
 * the profile's products, the neighbours of a few seeds, and the top popular products.
 */
final class Candidates {
  static final int TOP_CATEGORIES = 5;
  static final int TOP_BRANDS = 5;
  /** Categories that count as the customer's own, for the diversity floor. */
  static final int HOME_CATEGORIES = 3; // of the TOP_CATEGORIES
  /** Popular products always considered, so that a list of this many can be filled. */
  static final int POPULAR = 20;
  /** A product in the cart: the strongest intent there is. */
  static final double CART = 1.0;

  private final OfferIndex catalog;
  private final Function<String, ProductNeighbours> neighbours;
  private final PopularProducts popular;
  private final Decay decay;
  private final RelevanceWeights weights;

  public Candidates(OfferIndex catalog, Function<String, ProductNeighbours> neighbours, PopularProducts popular,
      Decay decay, RelevanceWeights weights) {
    this.catalog = catalog;
    this.neighbours = neighbours;
    this.popular = popular;
    this.decay = decay;
    this.weights = weights;
  }

  /**
   * Every offer worth ranking for {@code profile} (null for a customer not seen yet) at event time {@code now}: their
   * own products, what is bought with them, their interests, and at least {@code fill} popular products.
   */
  public List<Ranker.Candidate> find(CustomerProfile profile, List<String> cart, Instant now, int fill) {
    Products products = new Products();
    Map<String, Double> bought = bought(profile);
    bought.forEach((product, share) -> products.add(product, share, "bought:product=" + product));
    if (profile != null) {
      dueForReplenishment(profile, now).forEach(product -> products.add(product, 0, "replenish:product=" + product));
      relativeStrengths(profile.getProductAffinities(), now, Integer.MAX_VALUE).forEach((product, strength) -> {
        if (!bought.containsKey(product)) {
          products.add(product, weights.interest() * strength, "affinity:product=" + product);
        }
      });
    }
    cart.forEach(product -> products.add(product, CART, "cart:product=" + product));
    Predicate<String> known = known(profile, bought, cart);
    newWithNeighbours(products, bought, weights.neighbourSeeds(), cart, now, known);
    popular.top(Math.max(POPULAR, fill)).forEach(product -> products.addIfAbsent(product, "popular:product=" + product));
    products.addPopularity();

    Found found = new Found();
    products.forEach((product, relevance, reasons) ->
        catalog.forProduct(product).forEach(offer -> found.add(offer, relevance, reasons)));
    if (profile != null) {
      Map<String, Double> categories = relativeStrengths(profile.getCategoryAffinities(), now, TOP_CATEGORIES);
      categories.forEach((category, strength) -> catalog.forCategory(category).stream()
          .filter(offer -> offer.getTargetProductId() == null)
          .forEach(offer -> found.add(offer, weights.interest() * strength, List.of("affinity:category=" + category))));
      relativeStrengths(profile.getBrandAffinities(), now, TOP_BRANDS).forEach((brand, strength) ->
          catalog.forBrand(brand).stream()
              .filter(offer -> offer.getTargetProductId() == null && offer.getTargetCategory() == null)
              .forEach(offer -> found.add(offer, weights.interest() * strength, List.of("affinity:brand=" + brand))));
      Set<String> home = categories.keySet().stream().limit(HOME_CATEGORIES).collect(Collectors.toUnmodifiableSet());
      return found.candidates(home, known);
    }
    return found.candidates(Set.of(), known);
  }

  /**
   * Offers on products new to the customer (never bought, as far as the profile and its filter of forgotten purchases
   * tell, and not in the cart), by what is bought with all their own
   * products (not only the most bought: a read-only query can afford the lookups) and cart, popular products after
   * them: at least {@code fill} when the catalog has them.
   */
  public List<Ranker.Candidate> discover(CustomerProfile profile, List<String> cart, Instant now, int fill) {
    Map<String, Double> bought = bought(profile);
    Predicate<String> known = known(profile, bought, cart);
    Products products = new Products();
    newWithNeighbours(products, bought, bought.size(), cart, now, known);
    int forgotten = profile == null || profile.getForgottenPurchases().remaining() == 0 ? 0 : 4 * fill;
    for (String product : popular.top(Math.max(POPULAR, fill + bought.size() + cart.size() + forgotten))) {
      if (!known.test(product)) {
        products.addIfAbsent(product, "popular:product=" + product);
      }
    }
    products.addPopularity();
    Found found = new Found();
    products.forEach((product, relevance, reasons) ->
        catalog.forProduct(product).forEach(offer -> found.add(offer, relevance, reasons)));
    return found.candidates(Set.of(), known);
  }

  /** The customer's products, each as the share of their baskets that held it (at most 1). */
  private static Map<String, Double> bought(CustomerProfile profile) {
    Map<String, Double> shares = new LinkedHashMap<>();
    if (profile == null) {
      return shares;
    }
    int baskets = Math.max(1, profile.getPurchaseCount());
    for (PurchaseCycle cycle : profile.getPurchaseCycles()) {
      shares.put(cycle.getProductId(), Math.min(1.0, (double) cycle.getPurchases() / baskets));
    }
    return shares;
  }

  /** Bought (listed, or dropped from the list and remembered in the filter) or in the cart. */
  private static Predicate<String> known(CustomerProfile profile, Map<String, Double> bought, List<String> cart) {
    Set<String> listed = new HashSet<>(bought.keySet());
    listed.addAll(cart);
    if (profile == null || profile.getForgottenPurchases().remaining() == 0) {
      return listed::contains;
    }
    return product -> listed.contains(product)
        || ForgottenPurchases.mightContain(profile.getForgottenPurchases(), product);
  }

  /** Bought at least twice and due again (within a tenth of the usual interval): a reason, not a score. */
  private static List<String> dueForReplenishment(CustomerProfile profile, Instant now) {
    List<String> due = new ArrayList<>();
    for (PurchaseCycle cycle : profile.getPurchaseCycles()) {
      if (cycle.getPurchases() >= 2 && cycle.getMeanIntervalMillis() > 0
          && !now.isBefore(PurchaseCycles.nextDue(cycle).minusMillis(cycle.getMeanIntervalMillis() / 10))) {
        due.add(cycle.getProductId());
      }
    }
    return due;
  }

  /**
   * Products not in {@code known}, scored by their co-purchase weight with each seed (the customer's most bought
   * products, weighted by their share of baskets, and the cart), divided by the square root of both products'
   * popularity: a cosine, so a neighbour that is merely popular does not win everywhere.
   */
  private void newWithNeighbours(Products products, Map<String, Double> bought, int seedCount, List<String> cart,
      Instant now, Predicate<String> known) {
    Map<String, Double> seeds = new LinkedHashMap<>();
    cart.forEach(product -> seeds.put(product, CART));
    bought.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
        .limit(seedCount)
        .forEach(seed -> seeds.putIfAbsent(seed.getKey(), seed.getValue()));
    Map<String, Double> strength = new LinkedHashMap<>();
    Map<String, String> strongestSeed = new LinkedHashMap<>();
    Map<String, Double> strongestPart = new LinkedHashMap<>();
    seeds.forEach((seed, seedWeight) -> {
      ProductNeighbours seedNeighbours = neighbours.apply(seed);
      if (seedNeighbours == null) {
        return;
      }
      double seedBaskets = Math.max(Affinities.valueAt(seedNeighbours.getPurchases(), now, decay),
          Double.MIN_NORMAL);
      for (AffinityScore neighbour : seedNeighbours.getNeighbours()) {
        String product = neighbour.getKey();
        if (known.test(product)) {
          continue;
        }
        double part = seedWeight * Affinities.valueAt(neighbour, now, decay)
            / Math.sqrt(seedBaskets * popular.basketsAt(product, now));
        strength.merge(product, part, Double::sum);
        if (part > strongestPart.getOrDefault(product, 0.0)) {
          strongestPart.put(product, part);
          strongestSeed.put(product, seed);
        }
      }
    });
    strength.forEach((product, x) ->
        products.add(product, weights.neighbour() * x, "similar-to:product=" + strongestSeed.get(product)));
  }

  /** The {@code top} strongest interests now, strongest first, each relative to the strongest (1.0); none at zero. */
  private Map<String, Double> relativeStrengths(List<AffinityScore> scores, Instant now, int top) {
    Map<String, Double> strengths = new LinkedHashMap<>();
    if (scores.isEmpty()) {
      return strengths;
    }
    double[] values = new double[scores.size()];
    Integer[] order = new Integer[scores.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = Affinities.valueAt(scores.get(i), now, decay);
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -values[i])
        .thenComparing(i -> scores.get(i).getKey()));
    double strongest = values[order[0]];
    for (int r = 0; r < Math.min(top, order.length) && values[order[r]] > 0; r++) {
      strengths.put(scores.get(order[r]).getKey(), values[order[r]] / strongest);
    }
    return strengths;
  }

  /** Relevance and reasons per product, in the order products were first found (so ranking ties replay the same). */
  private final class Products {
    interface Visitor {
      void visit(String product, double relevance, List<String> reasons);
    }

    private final Map<String, Double> relevance = new LinkedHashMap<>();
    private final Map<String, List<String>> reasons = new LinkedHashMap<>();

    void add(String product, double weight, String reason) {
      relevance.merge(product, weight, Double::sum);
      List<String> why = reasons.computeIfAbsent(product, k -> new ArrayList<>());
      if (!why.contains(reason)) {
        why.add(reason);
      }
    }

    void addIfAbsent(String product, String reason) {
      if (!relevance.containsKey(product)) {
        add(product, 0, reason);
      }
    }

    /** Every product's popularity, relative to the most bought product, as the prior that breaks ties. */
    void addPopularity() {
      relevance.replaceAll((product, value) -> value + weights.popularity() * popular.share(product));
    }

    void forEach(Visitor visitor) {
      relevance.forEach((product, value) -> visitor.visit(product, value, reasons.get(product)));
    }
  }

  /** Relevance and reasons per offer, in the order offers were first found. */
  private static final class Found {
    private final Map<String, OfferCatalogEntry> offers = new LinkedHashMap<>();
    private final Map<String, Double> relevance = new LinkedHashMap<>();
    private final Map<String, List<String>> reasons = new LinkedHashMap<>();

    void add(OfferCatalogEntry offer, double weight, List<String> why) {
      String id = offer.getOfferId();
      offers.put(id, offer);
      relevance.merge(id, weight, Double::sum);
      List<String> all = reasons.computeIfAbsent(id, k -> new ArrayList<>());
      why.stream().filter(reason -> !all.contains(reason)).forEach(all::add);
    }

    List<Ranker.Candidate> candidates(Set<String> home, Predicate<String> known) {
      List<Ranker.Candidate> candidates = new ArrayList<>(offers.size());
      offers.forEach((id, offer) -> candidates.add(new Ranker.Candidate(id, relevance.get(id), reasons.get(id),
          isHome(offer, home, known))));
      return candidates;
    }

    /** Within the customer's usual interests: their top categories, or a product they already know. */
    private static boolean isHome(OfferCatalogEntry offer, Set<String> home, Predicate<String> known) {
      String product = offer.getTargetProductId();
      if (product != null) {
        return known.test(product);
      }
      return offer.getTargetCategory() != null && home.contains(offer.getTargetCategory());
    }
  }
}
