package io.persona.microbench;

import io.persona.avro.Channel;
import io.persona.avro.CustomerProfile;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKpi;
import io.persona.avro.OfferTrigger;
import io.persona.avro.ProductNeighbours;
import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.decide.Decider;
import io.persona.decide.OfferStates;
import io.persona.decide.OfferViews;
import io.persona.profile.Decay;
import io.persona.profile.ProfileUpdater;
import io.persona.serde.AvroSafety;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Candidate scoring and ranking for a warm profile over a 440-offer catalog: one decision (with its 200 redraws for
 * the selection probability) and one read-only top 10.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionBenchmark {
  private Decider decider;
  private CustomerProfile profile;
  private Instant now;
  private long next;

  @Setup
  public void setUp() {
    AvroSafety.install();
    PersonaConfig config = ConfigLoader.load(Map.of(), null);
    Decay decay = new Decay(config.profile().halfLife());
    OfferViews views = new OfferViews(decay);
    for (OfferCatalogEntry offer : Shop.catalog()) {
      views.catalog().apply(offer.getOfferId(), offer);
    }
    decider = Decider.create(config.offers(), decay, views, new Decider.Lookups() {
      @Override
      public ProductNeighbours neighbours(String productId) {
        return null;
      }

      @Override
      public OfferKpi kpi(String offerId) {
        return null;
      }
    });
    profile = Shop.warmProfile(new ProfileUpdater(config.profile()));
    now = profile.getLastSeen();
  }

  @Benchmark
  public Object decide() {
    return decider.decide("c-1", profile, OfferStates.empty("c-1", now), OfferTrigger.POST_PURCHASE, "t-" + next++,
        now);
  }

  @Benchmark
  public List<Decider.Option> topTen() {
    return decider.topK(profile, null, Channel.EMAIL, now, 10);
  }
}
