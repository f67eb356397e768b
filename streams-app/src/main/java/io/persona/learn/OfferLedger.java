package io.persona.learn;

import io.persona.avro.ArmKpi;
import io.persona.avro.ExperimentArm;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKpi;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OutcomeType;
import java.time.Instant;

/**
 * One offer's books: what was sent or withheld per arm, how it was answered, and its budget. Only the task that owns
 * the offer writes them, so a budget holds across every instance. Aggregates only: no customer ids.
 */
public final class OfferLedger {
  private OfferLedger() {}

  public static OfferKpi empty(String offerId, Instant at) {
    return new OfferKpi(offerId, new ArmKpi(), new ArmKpi(), 0.0, 0L, 0L, at);
  }

  /**
   * Whether one more send keeps the offer within its budget: its maximum sends, and its maximum redemptions counting
   * every sent offer still open as a possible redemption, so redemptions can never exceed it either.
   */
  public static boolean budgetAllows(OfferKpi kpi, OfferCatalogEntry offer) {
    return budgetAllows(kpi, offer.getMaxSends(), offer.getMaxRedemptions());
  }

  /** The same against given limits (null: none), such as one task's share of the offer's budget. */
  public static boolean budgetAllows(OfferKpi kpi, Long maxSends, Long maxRedemptions) {
    long sent = kpi.getTreatment().getDecisions();
    if (maxSends != null && sent >= maxSends) {
      return false;
    }
    return maxRedemptions == null || kpi.getTreatment().getRedeemed() + kpi.getOutstanding() < maxRedemptions;
  }

  public static void recordSent(OfferKpi kpi, Instant at) {
    ArmKpi arm = kpi.getTreatment();
    arm.setDecisions(arm.getDecisions() + 1);
    kpi.setOutstanding(kpi.getOutstanding() + 1);
    refresh(kpi, at);
  }

  public static void recordWithheld(OfferKpi kpi, Instant at) {
    ArmKpi arm = kpi.getHoldout();
    arm.setDecisions(arm.getDecisions() + 1);
    refresh(kpi, at);
  }

  public static void recordRefused(OfferKpi kpi, Instant at) {
    kpi.setBudgetRefusals(kpi.getBudgetRefusals() + 1);
    refresh(kpi, at);
  }

  /** Counts a redemption, conversion or lapse of an earlier decision. */
  public static void recordOutcome(OfferKpi kpi, OfferOutcome outcome) {
    boolean treatment = outcome.getExperimentArm() != ExperimentArm.HOLDOUT;
    ArmKpi arm = treatment ? kpi.getTreatment() : kpi.getHoldout();
    OutcomeType type = outcome.getOutcome();
    switch (type) {
      case REDEEMED -> arm.setRedeemed(arm.getRedeemed() + 1);
      case CONVERTED -> arm.setConverted(arm.getConverted() + 1);
      case IGNORED, EXPIRED -> arm.setIgnored(arm.getIgnored() + 1);
      default -> {
        return;
      }
    }
    if (outcome.getRevenue() != null) {
      arm.setRevenue(arm.getRevenue() + outcome.getRevenue());
    }
    if (treatment) {
      kpi.setOutstanding(Math.max(0, kpi.getOutstanding() - 1));
    }
    refresh(kpi, outcome.getOccurredAt());
  }

  private static void refresh(OfferKpi kpi, Instant at) {
    rates(kpi.getTreatment());
    rates(kpi.getHoldout());
    kpi.setUpliftRate(kpi.getTreatment().getConversionRate() - kpi.getHoldout().getConversionRate());
    if (at.isAfter(kpi.getUpdatedAt())) {
      kpi.setUpdatedAt(at);
    }
  }

  private static void rates(ArmKpi arm) {
    long answered = arm.getRedeemed() + arm.getConverted();
    arm.setConversionRate(arm.getDecisions() == 0 ? 0.0 : (double) answered / arm.getDecisions());
    arm.setAverageOrderValue(answered == 0 ? 0.0 : arm.getRevenue() / answered);
  }
}
