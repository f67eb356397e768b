package io.persona.decide;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.click;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.ClickEvent;
import io.persona.avro.ClickEventType;
import io.persona.avro.CustomerOfferState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CartsTest {
  @Test
  void shouldFollowTheCartUntilCheckout() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);

    assertThat(Carts.follow(state, cart(ClickEventType.ADD_TO_CART, "p-1", T0))).isTrue();
    assertThat(Carts.follow(state, cart(ClickEventType.ADD_TO_CART, "p-1", T0.plusSeconds(5)))).isFalse();
    assertThat(Carts.follow(state, cart(ClickEventType.ADD_TO_CART, "p-2", T0.plusSeconds(9)))).isTrue();
    assertThat(state.getCartProductIds()).containsExactly("p-1", "p-2");
    assertThat(state.getCartUpdatedAt()).as("the last change").isEqualTo(T0.plusSeconds(9));

    Carts.follow(state, cart(ClickEventType.CHECKOUT, null, T0.plusSeconds(20)));

    assertThat(state.getCartProductIds()).isEmpty();
    assertThat(state.getCartUpdatedAt()).isNull();
  }

  @Test
  void shouldForgetWhenTheCartChangedOnceItsLastProductIsRemoved() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);
    Carts.follow(state, cart(ClickEventType.ADD_TO_CART, "p-1", T0));

    assertThat(Carts.follow(state, cart(ClickEventType.REMOVE_FROM_CART, "p-1", T0.plusSeconds(5)))).isTrue();
    assertThat(state.getCartProductIds()).isEmpty();
    assertThat(state.getCartUpdatedAt()).isNull();
  }

  @Test
  void shouldIgnoreACheckoutOfAnEmptyCart() {
    CustomerOfferState state = OfferStates.empty("c-1", T0);

    assertThat(Carts.follow(state, cart(ClickEventType.CHECKOUT, null, T0))).isFalse();
  }

  private static ClickEvent cart(ClickEventType type, String productId, Instant at) {
    return click("e-" + at.toEpochMilli(), "a-1", "c-1", at, type, "garden", "acme", productId);
  }
}
