package io.persona.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputTest {
  private final Throughput throughput = new Throughput(400_000, 200_000, runs(2.0, 2.5, 1.9), runs(4.0, 4.4, 3.9),
      runs(10.0, 9.8, 11.0), runs(0.01));

  @Test
  void shouldRateThePassThroughsOverAllRecordsAndTheEngineOverTheTimedOnes() {
    assertThat(throughput.passThroughRate()).isEqualTo(200_000);
    assertThat(throughput.repartitionRate()).isEqualTo(100_000);
    assertThat(throughput.personaRate()).isEqualTo(20_000);
  }

  @Test
  void shouldCompareEachRateWithThePassThroughs() {
    assertThat(throughput.repartitionVsPassThrough()).isEqualTo(0.5);
    assertThat(throughput.personaVsPassThrough()).isEqualTo(0.1);
    assertThat(throughput.vsPassThrough(60_000)).isEqualTo(0.3);
  }

  private static Samples runs(Double... seconds) {
    return new Samples(List.of(seconds));
  }
}
