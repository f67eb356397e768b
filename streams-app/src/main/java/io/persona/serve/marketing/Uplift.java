package io.persona.serve.marketing;

import io.persona.avro.ArmKpi;

/**
 * Treatment's response rate minus the holdout's, with a 95% interval (normal approximation, decisions independent):
 * how much the offers changed what customers did.
 */
public record Uplift(double treatmentRate, double holdoutRate, double low, double high) {
  public static Uplift of(ArmKpi treatment, ArmKpi holdout) {
    double t = ArmTotals.responseRate(treatment);
    double h = ArmTotals.responseRate(holdout);
    double margin = 1.96 * Math.sqrt(variance(t, treatment.getDecisions()) + variance(h, holdout.getDecisions()));
    return new Uplift(t, h, t - h - margin, t - h + margin);
  }

  public double points() {
    return treatmentRate - holdoutRate;
  }

  private static double variance(double rate, long n) {
    return n == 0 ? 0 : rate * (1 - rate) / n;
  }
}
