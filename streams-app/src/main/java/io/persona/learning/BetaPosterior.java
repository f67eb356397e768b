package io.persona.learning;

import java.util.SplittableRandom;

/**
 * What is believed about a response probability after some offers: Beta(alpha, beta), starting from a prior (the
 * global response rate, worth a few observations) and counting each redemption as a success, each offer that lapsed
 * as a failure.
 */
public record BetaPosterior(double alpha, double beta) {
  public BetaPosterior {
    if (!(alpha > 0) || !(beta > 0)) {
      throw new IllegalArgumentException("alpha and beta must be > 0");
    }
  }

  /** A prior centred on {@code rate}, as confident as {@code strength} observations. */
  public static BetaPosterior prior(double rate, double strength) {
    double clamped = Math.min(Math.max(rate, 1e-6), 1 - 1e-6);
    return new BetaPosterior(clamped * strength, (1 - clamped) * strength);
  }

  public BetaPosterior observe(long successes, long failures) {
    return new BetaPosterior(alpha + successes, beta + failures);
  }

  public double mean() {
    return alpha / (alpha + beta);
  }

  /** One draw, for Thompson sampling. The generator is seeded by the caller, so a replay draws the same. */
  public double sample(SplittableRandom random) {
    double x = gamma(alpha, random);
    double y = gamma(beta, random);
    return x / (x + y);
  }

  /** Marsaglia and Tsang's method; shapes below 1 by the boost Gamma(a) = Gamma(a + 1) * U^(1/a). */
  private static double gamma(double shape, SplittableRandom random) {
    if (shape < 1) {
      return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = normal(random);
      double v = Math.pow(1 + c * x, 3);
      if (v <= 0) {
        continue;
      }
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  private static double normal(SplittableRandom random) {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
