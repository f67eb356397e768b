package io.persona.decide;

import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKpi;
import io.persona.avro.OfferOutcome;
import io.persona.learn.BudgetShare;
import io.persona.learn.OfferLedger;
import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One task's books of the offers that have a budget: what its customers were sent and redeemed, against its
 * {@link BudgetShare}. Written in the transaction that decides, so a send and its count commit together. Offers
 * without a budget keep no books here (their KPIs are the learning app's).
 */
final class TaskBudgets {
  private final KeyValueStore<String, OfferKpi> books;
  private final OfferIndex catalog;
  private final int partition;
  private final int partitions;

  TaskBudgets(KeyValueStore<String, OfferKpi> books, OfferIndex catalog, int partition, int partitions) {
    this.books = books;
    this.catalog = catalog;
    this.partition = partition;
    this.partitions = partitions;
  }

  /** Whether this task may send the offer once more. */
  boolean allow(OfferCatalogEntry offer) {
    if (!BudgetShare.budgeted(offer)) {
      return true;
    }
    OfferKpi book = books.get(offer.getOfferId());
    return OfferLedger.budgetAllows(book != null ? book : OfferLedger.empty(offer.getOfferId(), Instant.EPOCH),
        BudgetShare.part(offer.getMaxSends(), partition, partitions),
        BudgetShare.part(offer.getMaxRedemptions(), partition, partitions));
  }

  void recordSent(String offerId, Instant at) {
    OfferCatalogEntry offer = catalog.get(offerId);
    if (offer == null || !BudgetShare.budgeted(offer)) {
      return;
    }
    OfferKpi book = books.get(offerId);
    if (book == null) {
      book = OfferLedger.empty(offerId, at);
    }
    OfferLedger.recordSent(book, at);
    books.put(offerId, book);
  }

  /** A redemption or lapse frees what the send held against the redemption budget. */
  void recordAnswer(OfferOutcome outcome) {
    OfferKpi book = books.get(outcome.getOfferId());
    if (book != null) {
      OfferLedger.recordOutcome(book, outcome);
      books.put(outcome.getOfferId(), book);
    }
  }
}
