package io.persona.bench;

/**
 * What the throughput runs measured, and the rates derived from it. The pass-throughs are timed over every record
 * (warm-up included: a stateless app crosses the warm-up boundary faster than it can be seen), the engine over the
 * timed records after its warm-up.
 *
 * @param passThrough seconds per run of the plain pass-through
 * @param repartition seconds per run of the pass-through with one repartition
 * @param persona seconds per run of the engine
 * @param cpuPerThousand the JVM's CPU seconds per 1,000 records (warm-up included) in each engine run
 */
record Throughput(long allRecords, long timedRecords, Samples passThrough, Samples repartition, Samples persona,
    Samples cpuPerThousand) {

  double passThroughRate() {
    return allRecords / passThrough.median();
  }

  double repartitionRate() {
    return allRecords / repartition.median();
  }

  /** The engine's batch throughput, in records per second. */
  double personaRate() {
    return timedRecords / persona.median();
  }

  double repartitionVsPassThrough() {
    return repartitionRate() / passThroughRate();
  }

  double personaVsPassThrough() {
    return personaRate() / passThroughRate();
  }

  /** {@code rate} as a share of the pass-through's. */
  double vsPassThrough(double rate) {
    return rate / passThroughRate();
  }
}
