package io.persona.learn;

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
    return sampler().sample(random);
  }

  /** A sampler with this posterior's constants worked out once, for many draws from it. */
  public Sampler sampler() {
    return new Sampler(Gamma.of(alpha), Gamma.of(beta));
  }

  /** Draws from Beta(alpha, beta) as X / (X + Y), X ~ Gamma(alpha), Y ~ Gamma(beta). */
  public static final class Sampler {
    private final Gamma x;
    private final Gamma y;

    private Sampler(Gamma x, Gamma y) {
      this.x = x;
      this.y = y;
    }

    public double sample(SplittableRandom random) {
      double a = x.sample(random);
      double b = y.sample(random);
      return a / (a + b);
    }
  }

  /**
   * Marsaglia and Tsang's method, with their squeeze that spares the logarithms for most draws; shapes below 1 by the
   * boost Gamma(a) = Gamma(a + 1) * U^(1/a).
   */
  private record Gamma(double d, double c, double boost) {
    static Gamma of(double shape) {
      double d = (shape < 1 ? shape + 1 : shape) - 1.0 / 3;
      return new Gamma(d, 1 / Math.sqrt(9 * d), shape < 1 ? 1 / shape : 0);
    }

    double sample(SplittableRandom random) {
      double value = draw(random);
      return boost == 0 ? value : value * Math.pow(random.nextDouble(), boost);
    }

    private double draw(SplittableRandom random) {
      while (true) {
        double x = normal(random);
        double t = 1 + c * x;
        if (t <= 0) {
          continue;
        }
        double v = t * t * t;
        double u = random.nextDouble();
        double xx = x * x;
        if (u < 1 - 0.0331 * xx * xx || Math.log(u) < 0.5 * xx + d - d * v + d * Math.log(v)) {
          return d * v;
        }
      }
    }
  }

  private static double normal(SplittableRandom random) {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
