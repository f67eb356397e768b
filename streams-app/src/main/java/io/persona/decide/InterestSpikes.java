package io.persona.decide;

import io.persona.avro.AffinityScore;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.CustomerProfile;
import io.persona.profile.Affinities;
import io.persona.profile.Decay;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The interest-spike trigger: a category affinity that crosses the threshold fires once, and fires again only after
 * falling below half of it. The state marks the categories above. Pure: every time is passed in.
 */
final class InterestSpikes {
  private final double threshold;
  private final Decay decay;

  public InterestSpikes(double threshold, Decay decay) {
    this.threshold = threshold;
    this.decay = decay;
  }

  /**
   * The strongest category that crossed the spike threshold since it was last below half of it, or null. Marks
   * it, so each crossing fires once; unmarks categories that fell back below half.
   */
  public String spikedCategory(CustomerOfferState state, CustomerProfile profile, Instant now) {
    List<String> above = new ArrayList<>(state.getCategoriesAboveSpike());
    String spiked = null;
    double strongest = 0;
    for (AffinityScore category : profile.getCategoryAffinities()) {
      double value = Affinities.valueAt(category, now, decay);
      if (value < threshold / 2) {
        above.remove(category.getKey());
      } else if (value >= threshold && !above.contains(category.getKey()) && value > strongest) {
        spiked = category.getKey();
        strongest = value;
      }
    }
    above.removeIf(key -> profile.getCategoryAffinities().stream().noneMatch(c -> c.getKey().equals(key)));
    if (spiked != null) {
      above.add(spiked);
    }
    state.setCategoriesAboveSpike(above);
    return spiked;
  }
}
