package io.persona.decide;

import io.persona.avro.ClickEvent;
import io.persona.avro.CustomerOfferState;
import java.util.ArrayList;
import java.util.List;

/** The web cart a customer's offer state follows for the cart-abandonment trigger, bounded. Pure. */
final class Carts {
  private Carts() {}

  /** Follows the web cart; true when it changed (the abandonment clock restarts while it holds something). */
  public static boolean follow(CustomerOfferState state, ClickEvent click) {
    List<String> cart = new ArrayList<>(state.getCartProductIds());
    boolean changed = switch (click.getType()) {
      case ADD_TO_CART -> click.getProductId() != null && !cart.contains(click.getProductId())
          && cart.size() < OfferSettings.MAX_CART_PRODUCTS && cart.add(click.getProductId());
      case REMOVE_FROM_CART -> cart.remove(click.getProductId());
      case CHECKOUT, PURCHASE -> {
        boolean held = !cart.isEmpty();
        cart.clear();
        yield held;
      }
      default -> false;
    };
    if (changed && !cart.isEmpty()) {
      state.setCartProductIds(cart);
      state.setCartUpdatedAt(click.getEventTime());
    } else if (changed) {
      clear(state);
    }
    return changed;
  }

  public static void clear(CustomerOfferState state) {
    state.setCartProductIds(new ArrayList<>());
    state.setCartUpdatedAt(null);
  }
}
