package io.persona.decide;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.offer;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.Channel;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.CustomerProfile;
import io.persona.avro.OfferKpi;
import io.persona.avro.OfferTrigger;
import io.persona.avro.ProductNeighbours;
import io.persona.avro.PurchaseCycle;
import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.decide.Decider.Decision;
import io.persona.decide.Decider.Option;
import io.persona.profile.Decay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeciderTest {
  private final PersonaConfig config = ConfigLoader.load(Map.of(), null);
  private final Decay decay = new Decay(config.profile().halfLife());
  private final OfferViews views = new OfferViews(decay);
  private final Decider decider = Decider.create(config.offers(), decay, views, new Decider.Lookups() {
    @Override
    public ProductNeighbours neighbours(String productId) {
      return null;
    }

    @Override
    public OfferKpi kpi(String offerId) {
      return null;
    }
  });
  private final CustomerProfile profile = CustomerProfile.newBuilder().setCustomerId("c-1").setFirstSeen(T0)
      .setLastSeen(T0).setPurchaseCount(4).setPurchaseCycles(List.of(
          new PurchaseCycle("p-coffee", 4, Duration.ofDays(7).toMillis(), T0),
          new PurchaseCycle("p-hose", 2, Duration.ofDays(7).toMillis(), T0),
          new PurchaseCycle("p-mug", 1, 0L, T0))).build();

  @Test
  void shouldKeepAnOfferAGuardHoldsBackInTheListFlaggedButNeverDecideItAgain() {
    for (String product : List.of("coffee", "hose", "mug")) {
      views.catalog().apply("o-" + product, offer("o-" + product, "p-" + product, "pantry"));
    }
    CustomerOfferState state = OfferStates.empty("c-1", T0);
    Decision first = decider.decide("c-1", profile, state, OfferTrigger.POST_PURCHASE, "t-1", T0);
    new OfferHistory(config.offers()).recordSend(state, first.send());
    String decided = first.offer().getOfferId();

    List<Option> top = decider.topK(profile, state, Channel.POS, T0.plusSeconds(60), 3);

    assertThat(top).extracting(option -> option.offer().getOfferId())
        .as("ranked by relevance alone: the share of baskets").containsExactly("o-coffee", "o-hose", "o-mug");
    assertThat(top).filteredOn(Option::heldBack).extracting(option -> option.offer().getOfferId())
        .as("the offer within its cooldown").containsExactly(decided);
    for (int i = 2; i < 30; i++) {
      // two days on: past the channel's daily cap, within the offer's three-day cooldown
      Decision next = decider.decide("c-1", profile, state, OfferTrigger.POST_PURCHASE, "t-" + i,
          T0.plus(Duration.ofDays(2)));
      assertThat(next.offer().getOfferId()).isNotEqualTo(decided);
    }
  }

  @Test
  void shouldDrawADecisionOnlyAmongTheMostRelevantOffers() {
    for (int p = 0; p < 40; p++) {
      views.catalog().apply("o-other-" + p, offer("o-other-" + p, "p-other-" + p, "pantry"));
    }
    views.catalog().apply("o-coffee", offer("o-coffee", "p-coffee", "pantry"));
    CustomerProfile onlyCoffee = CustomerProfile.newBuilder(profile)
        .setPurchaseCycles(List.of(new PurchaseCycle("p-coffee", 4, Duration.ofDays(7).toMillis(), T0))).build();
    int pool = config.offers().relevance().decisionPool();

    for (int i = 0; i < 50; i++) {
      Decision decision = decider.decide("c-1", onlyCoffee, OfferStates.empty("c-1", T0),
          OfferTrigger.POST_PURCHASE, "t-" + i, T0);
      // nothing but coffee is relevant to this customer and no product is popular: the pool holds coffee alone
      assertThat(pool).isGreaterThan(1);
      assertThat(decision.offer().getOfferId()).isEqualTo("o-coffee");
    }
  }
}
