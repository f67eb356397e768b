package io.persona.decide;

import static io.persona.testkit.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.Channel;
import io.persona.avro.ClassResponse;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.ExperimentArm;
import io.persona.avro.OfferRedemption;
import io.persona.avro.OfferSend;
import io.persona.config.ConfigLoader;
import io.persona.learn.BetaPosterior;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfferHistoryTest {
  private static final OfferSettings SETTINGS = ConfigLoader.load(Map.of(), null).offers();
  private static final OfferHistory HISTORY = new OfferHistory(SETTINGS);

  @Test
  void shouldCloseADecisionAndCountTheAnswerForItsOfferClass() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);
    OfferSend send = send("ev-1", T0);
    HISTORY.recordSend(state, send);

    HISTORY.close(state, send, true, T0.plusSeconds(60));

    assertThat(state.getSends()).extracting(OfferSend::getOpen).containsExactly(false);
    assertThat(state.getResponses())
        .containsExactly(new ClassResponse("PERCENT_OFF:garden", 1, 0, T0.plusSeconds(60)));
    BetaPosterior prior = BetaPosterior.prior(0.5, 2);
    assertThat(ClassResponses.posterior(state, "PERCENT_OFF:garden", prior)).isEqualTo(prior.observe(1, 0));
    assertThat(ClassResponses.posterior(state, "PERCENT_OFF:toys", prior)).as("another class").isEqualTo(prior);
  }

  @Test
  void shouldForgetClosedDecisionsNoWindowCanSeeAnyMoreButKeepOpenOnes() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);
    OfferSend closed = send("ev-closed", T0);
    HISTORY.recordSend(state, closed);
    HISTORY.close(state, closed, false, T0.plusSeconds(1));
    HISTORY.recordSend(state, send("ev-open", T0.plusSeconds(2)));

    HISTORY.recordSend(state, send("ev-late", T0.plus(SETTINGS.memory()).plusSeconds(10)));

    assertThat(state.getSends()).extracting(OfferSend::getOfferEventId).containsExactly("ev-open", "ev-late");
  }

  @Test
  void shouldCountRedemptionsOfAnOfferAndKeepTheLatestTime() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);
    Instant later = T0.plus(Duration.ofDays(2));

    HISTORY.recordRedemption(state, "o-1", later);
    HISTORY.recordRedemption(state, "o-1", T0);

    assertThat(state.getRedemptions()).containsExactly(new OfferRedemption("o-1", 2, later));
  }

  private static OfferSend send(String offerEventId, Instant at) {
    return new OfferSend(offerEventId, "o-1", "PERCENT_OFF:garden", Channel.EMAIL, ExperimentArm.TREATMENT, at, null,
        "garden", null, true, true, null);
  }
}
