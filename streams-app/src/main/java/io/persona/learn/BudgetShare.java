package io.persona.learn;

import io.persona.avro.OfferCatalogEntry;

/**
 * The part of an offer's budget that one task may spend. Each task owns the customers of one partition and keeps its
 * own books, so an offer is sent in the transaction that decides it, with no trip to a ledger; the parts of all
 * tasks sum to the whole budget, so no mix of tasks can overspend it. The price: a task whose customers take up its
 * part first refuses further sends while other tasks still hold unspent parts.
 */
public final class BudgetShare {
  private BudgetShare() {}

  /** True when the offer has a budget at all: only those need books. */
  public static boolean budgeted(OfferCatalogEntry offer) {
    return offer.getMaxSends() != null || offer.getMaxRedemptions() != null;
  }

  /**
   * The part of a limit (null: none) that task {@code partition} of {@code partitions} may spend: an even split, the
   * remainder to the lowest partitions, so the parts sum to {@code total}.
   */
  public static Long part(Long total, int partition, int partitions) {
    if (total == null) {
      return null;
    }
    return total / partitions + (partition < total % partitions ? 1 : 0);
  }
}
