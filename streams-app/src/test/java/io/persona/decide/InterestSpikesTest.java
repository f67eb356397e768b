package io.persona.decide;

import static io.persona.testkit.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.AffinityScore;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.CustomerProfile;
import io.persona.config.ConfigLoader;
import io.persona.profile.Decay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterestSpikesTest {
  private static final double THRESHOLD = ConfigLoader.load(Map.of(), null).offers().spikeThreshold();
  private static final InterestSpikes SPIKES = new InterestSpikes(THRESHOLD, new Decay(Duration.ofDays(30)));

  @Test
  void shouldFireASpikeOncePerCrossingAndReArmBelowHalfTheThreshold() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);

    assertThat(SPIKES.spikedCategory(state, garden(THRESHOLD - 1), T0)).isNull();
    assertThat(SPIKES.spikedCategory(state, garden(THRESHOLD + 1), T0)).isEqualTo("garden");
    assertThat(SPIKES.spikedCategory(state, garden(THRESHOLD + 5), T0)).isNull();
    assertThat(SPIKES.spikedCategory(state, garden(THRESHOLD * 0.6), T0)).as("still above half").isNull();
    assertThat(SPIKES.spikedCategory(state, garden(THRESHOLD + 1), T0)).isNull();
    assertThat(SPIKES.spikedCategory(state, garden(THRESHOLD * 0.4), T0)).isNull();
    assertThat(SPIKES.spikedCategory(state, garden(THRESHOLD + 1), T0)).as("crossed again").isEqualTo("garden");
  }

  private static CustomerProfile garden(double affinity) {
    return CustomerProfile.newBuilder().setCustomerId("c-1").setFirstSeen(T0).setLastSeen(T0)
        .setCategoryAffinities(List.of(new AffinityScore("garden", affinity, T0))).build();
  }
}
