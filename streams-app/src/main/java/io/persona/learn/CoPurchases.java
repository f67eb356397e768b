package io.persona.learn;

import io.persona.avro.AffinityScore;
import io.persona.avro.LineItem;
import io.persona.avro.PosTransaction;
import io.persona.profile.Affinities;
import io.persona.profile.Decay;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * "Customers who bought X also bought Y", learned from baskets as they come: each pair of products bought together
 * strengthens both products' neighbour lists. A neighbour list is a bounded, decayed score map like an affinity map,
 * so it stays small and forgets old habits.
 */
public final class CoPurchases {
  /** One product's neighbour gaining {@code weight} at {@code at}. */
  public record Pair(String product, String neighbour, double weight, Instant at) {}

  /**
   * A neighbour list learns with this many times the neighbours it publishes: which weak neighbour a full list drops
   * depends on the order baskets arrive in, and that order varies between runs; the slack keeps that variation below
   * the published strongest.
   */
  static final int LEARNING_SLACK = 2;

  private final Decay decay;
  private final int maxNeighbours;
  private final int maxProductsPerBasket;

  /**
   * @param maxProductsPerBasket larger baskets count only their first products: pairs grow with the square
   */
  public CoPurchases(Decay decay, int maxNeighbours, int maxProductsPerBasket) {
    this.decay = decay;
    this.maxNeighbours = maxNeighbours;
    this.maxProductsPerBasket = maxProductsPerBasket;
  }

  /** The pairs a basket teaches; each product's weight is shared among its basket mates. */
  public List<Pair> pairs(PosTransaction basket) {
    List<String> products = products(basket);
    List<Pair> pairs = new ArrayList<>();
    if (products.size() < 2) {
      return pairs;
    }
    double weight = 1.0 / (products.size() - 1);
    for (String product : products) {
      for (String neighbour : products) {
        if (!product.equals(neighbour)) {
          pairs.add(new Pair(product, neighbour, weight, basket.getEventTime()));
        }
      }
    }
    return pairs;
  }

  /** {@code productId}'s neighbours after learning from one basket that held it. */
  public List<AffinityScore> learnFrom(List<AffinityScore> neighbours, String productId, PosTransaction basket) {
    List<String> products = products(basket);
    List<AffinityScore> learned = neighbours;
    if (products.size() < 2 || !products.contains(productId)) {
      return learned;
    }
    double weight = 1.0 / (products.size() - 1);
    for (String neighbour : products) {
      if (!neighbour.equals(productId)) {
        learned = learn(learned, new Pair(productId, neighbour, weight, basket.getEventTime()));
      }
    }
    return learned;
  }

  /** {@code neighbours} with one pair learned. */
  public List<AffinityScore> learn(List<AffinityScore> neighbours, Pair pair) {
    return Affinities.add(neighbours, pair.neighbour(), pair.weight(), pair.at(), decay,
        maxNeighbours * LEARNING_SLACK);
  }

  /** The strongest {@code maxNeighbours} of a learning list, as of its latest update: what others read. */
  public List<AffinityScore> published(List<AffinityScore> learned) {
    if (learned.size() <= maxNeighbours) {
      return learned;
    }
    Instant latest = learned.stream().map(AffinityScore::getUpdatedAt).max(Comparator.naturalOrder()).orElseThrow();
    return learned.stream()
        .sorted(Comparator.comparingDouble((AffinityScore s) -> Affinities.valueAt(s, latest, decay)).reversed()
            .thenComparing(AffinityScore::getKey))
        .limit(maxNeighbours).toList();
  }

  /** The products of a basket that learn from it: distinct, bought (not returned), at most the cap. */
  public List<String> products(PosTransaction basket) {
    Set<String> products = new LinkedHashSet<>();
    for (LineItem line : basket.getLineItems()) {
      if (line.getQuantity() > 0 && products.size() < maxProductsPerBasket) {
        products.add(line.getProductId());
      }
    }
    return List.copyOf(products);
  }

  /** The product's popularity after one more basket held it at {@code at}. */
  public AffinityScore countPurchase(AffinityScore purchases, String productId, Instant at) {
    List<AffinityScore> counted = Affinities.add(purchases == null ? List.of() : List.of(purchases), productId, 1.0,
        at, decay, 1);
    return counted.isEmpty() ? new AffinityScore(productId, 0.0, at) : counted.get(0);
  }
}
