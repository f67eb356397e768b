package io.persona.learn;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.Channel;
import io.persona.avro.ExperimentArm;
import io.persona.avro.OfferSend;
import io.persona.avro.PosTransaction;
import io.persona.learn.Attribution.Success;
import io.persona.testkit.TestEvents;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributionTest {
  private static final Attribution ATTRIBUTION = new Attribution(Duration.ofDays(7));
  private static final OfferSend HOSE_OFFER = send("p-hose", null);
  private static final OfferSend GARDEN_OFFER = send(null, "garden");

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

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "bought in the category,       garden, true",
      "bought in another category,   kitchen, false"})
  void shouldCountAPurchaseInTheTargetCategoryAsAConversionOfACategoryOffer(String why, String category,
      boolean converted) {
    PosTransaction basket = TestEvents.basket("t-1", "c-1", T0.plusSeconds(60), line("p-any", category, "acme", 1, 20));

    List<Success> successes = ATTRIBUTION.successes(List.of(GARDEN_OFFER), basket);

    assertThat(successes).hasSize(converted ? 1 : 0);
    successes.forEach(s -> assertThat(s.redeemed()).isFalse());
  }

  @Test
  void shouldNotCreditAnOfferAlreadyAnswered() {
    OfferSend answered = OfferSend.newBuilder(HOSE_OFFER).setOpen(false).build();
    PosTransaction basket = TestEvents.basket("t-1", "c-1", T0.plusSeconds(60), line("p-hose", "garden", "acme", 1, 20));

    assertThat(ATTRIBUTION.successes(List.of(answered), basket)).isEmpty();
    assertThat(ATTRIBUTION.lapsed(List.of(answered), T0.plus(Duration.ofDays(30)))).isEmpty();
  }

  private static OfferSend send(String product, String category) {
    return new OfferSend("ev-1", "o-hose", "PERCENT_OFF:garden", Channel.EMAIL, ExperimentArm.TREATMENT, T0, product,
        category, null, true, true, null);
  }

  @Test
  void shouldNeverCountAHeldOutCustomerAsRedeemingAnOfferTheyWereNotSent() {
    OfferSend withheld = OfferSend.newBuilder(HOSE_OFFER).setExperimentArm(ExperimentArm.HOLDOUT).build();
    PosTransaction redeemsAnother = TestEvents.basket("t-1", "c-1", T0.plusSeconds(60), line("p-rake", "garden", "acme", 1, 9));
    redeemsAnother.setRedeemedOfferIds(List.of("o-hose"));

    assertThat(ATTRIBUTION.successes(List.of(withheld), redeemsAnother)).isEmpty();
  }
}
