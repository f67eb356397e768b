package io.persona.decide;

import io.persona.avro.Channel;
import io.persona.avro.OfferCatalogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offer catalog indexed by what offers target, so candidates for a customer come from lookups by their top
 * categories, brands and products, never from a scan of the whole catalog. Rebuilt or updated as catalog records
 * arrive; a tombstone retires an offer. Written by the global-store thread, read by stream threads and queries, so
 * every method is synchronized; lookups return copies.
 */
public final class OfferIndex {
  private final Map<String, OfferCatalogEntry> byId = new HashMap<>();
  private final Map<String, Set<String>> byProduct = new HashMap<>();
  private final Map<String, Set<String>> byCategory = new HashMap<>();
  private final Map<String, Set<String>> byBrand = new HashMap<>();

  /** Adds, replaces or (with null) retires an offer. */
  public synchronized void apply(String offerId, OfferCatalogEntry entry) {
    OfferCatalogEntry previous = byId.remove(offerId);
    if (previous != null) {
      unindex(previous);
    }
    if (entry != null) {
      byId.put(offerId, entry);
      index(byProduct, entry.getTargetProductId(), offerId);
      index(byCategory, entry.getTargetCategory(), offerId);
      index(byBrand, entry.getTargetBrand(), offerId);
    }
  }

  public synchronized List<OfferCatalogEntry> forProduct(String productId) {
    return lookup(byProduct, productId);
  }

  public synchronized List<OfferCatalogEntry> forCategory(String category) {
    return lookup(byCategory, category);
  }

  public synchronized List<OfferCatalogEntry> forBrand(String brand) {
    return lookup(byBrand, brand);
  }

  public synchronized OfferCatalogEntry get(String offerId) {
    return byId.get(offerId);
  }

  /** Every offer in the catalog, paused ones included, by id. */
  public synchronized List<OfferCatalogEntry> all() {
    return byId.values().stream().sorted(Comparator.comparing(OfferCatalogEntry::getOfferId)).toList();
  }

  public synchronized int size() {
    return byId.size();
  }

  /** Whether the offer may be made on {@code channel} at event time {@code at}. */
  public static boolean makeable(OfferCatalogEntry offer, Channel channel, Instant at) {
    return offer.getActive()
        && !at.isBefore(offer.getValidFrom())
        && (offer.getValidTo() == null || !at.isAfter(offer.getValidTo()))
        && offer.getAllowedChannels().contains(channel);
  }

  private List<OfferCatalogEntry> lookup(Map<String, Set<String>> index, String key) {
    Set<String> ids = key == null ? null : index.get(key);
    if (ids == null) {
      return List.of();
    }
    List<OfferCatalogEntry> offers = new ArrayList<>(ids.size());
    ids.forEach(id -> offers.add(byId.get(id)));
    return offers;
  }

  private void unindex(OfferCatalogEntry entry) {
    remove(byProduct, entry.getTargetProductId(), entry.getOfferId());
    remove(byCategory, entry.getTargetCategory(), entry.getOfferId());
    remove(byBrand, entry.getTargetBrand(), entry.getOfferId());
  }

  private static void index(Map<String, Set<String>> index, String key, String offerId) {
    if (key != null) {
      index.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(offerId);
    }
  }

  private static void remove(Map<String, Set<String>> index, String key, String offerId) {
    if (key == null) {
      return;
    }
    Set<String> ids = index.get(key);
    if (ids != null && ids.remove(offerId) && ids.isEmpty()) {
      index.remove(key);
    }
  }
}
