package io.persona.serve.marketing;

import io.persona.avro.ArmKpi;

/** Sums and rates of experiment arms' counts. */
public final class ArmTotals {
  private ArmTotals() {}

  public static void add(ArmKpi total, ArmKpi arm) {
    total.setDecisions(total.getDecisions() + arm.getDecisions());
    total.setRedeemed(total.getRedeemed() + arm.getRedeemed());
    total.setConverted(total.getConverted() + arm.getConverted());
    total.setRevenue(total.getRevenue() + arm.getRevenue());
  }

  /** The share of decisions answered: redeemed, or the target bought without the offer. */
  public static double responseRate(ArmKpi arm) {
    return arm.getDecisions() == 0 ? 0 : (double) (arm.getRedeemed() + arm.getConverted()) / arm.getDecisions();
  }
}
