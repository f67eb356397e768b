package io.persona.learning;

import static io.persona.TestEvents.T0;
import static io.persona.TestEvents.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.TestEvents;
import io.persona.avro.PosTransaction;
import io.persona.learning.Attribution.SentOffer;
import io.persona.learning.Attribution.Success;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AttributionTest {
  private static final Attribution ATTRIBUTION = new Attribution(Duration.ofDays(7));
  private static final SentOffer HOSE_OFFER = new SentOffer("ev-1", "o-hose", "p-hose", T0);

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "redeemed by offer id,         1, o-hose, '',   p-rake, true,  true",
      "redeemed by coupon code,      1, '',     ev-1, p-rake, true,  true",
      "product bought,               1, '',     '',   p-hose, true,  false",
      "unrelated basket,             1, '',     '',   p-rake, false, false",
      "redeemed after the window,    8, o-hose, '',   p-rake, false, false",
      "product bought before sent,  -1, '',     '',   p-hose, false, false"})
  void shouldCreditAnOfferOnlyForARedemptionOrItsProductWithinTheWindow(String why, int days, String redeemedOffer,
      String coupon, String product, boolean success, boolean redeemed) {
    PosTransaction basket = TestEvents.basket("t-1", "c-1", T0.plus(Duration.ofDays(days)),
        line(product, "garden", "acme", 1, 20));
    basket.setRedeemedOfferIds(redeemedOffer.isEmpty() ? List.of() : List.of(redeemedOffer));
    basket.setCouponCodes(coupon.isEmpty() ? List.of() : List.of(coupon));

    List<Success> successes = ATTRIBUTION.successes(List.of(HOSE_OFFER), basket);

    assertThat(successes).hasSize(success ? 1 : 0);
    successes.forEach(s -> assertThat(s.redeemed()).isEqualTo(redeemed));
  }

  @Test
  void shouldCallAnOfferLapsedOnlyOnceItsWindowHasClosedInStreamTime() {
    assertThat(ATTRIBUTION.lapsed(List.of(HOSE_OFFER), T0.plus(Duration.ofDays(7)))).isEmpty();
    assertThat(ATTRIBUTION.lapsed(List.of(HOSE_OFFER), T0.plus(Duration.ofDays(7)).plusMillis(1)))
        .containsExactly(HOSE_OFFER);
  }
}
