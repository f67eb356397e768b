package io.persona.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.sim.ShopperSimulator.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopperSimulatorTest {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void shouldGiveTheSameTrafficForTheSameSeedAndOtherTrafficForAnother() {
    List<String> first = traffic(new ShopperSimulator(7, 50, START));
    List<String> again = traffic(new ShopperSimulator(7, 50, START));
    List<String> other = traffic(new ShopperSimulator(8, 50, START));

    assertThat(first).hasSizeGreaterThan(1_000).isEqualTo(again).isNotEqualTo(other);
  }

  @Test
  void shouldEmitEachDayInEventTimeOrder() {
    List<Instant> times = new ArrayList<>();
    new ShopperSimulator(7, 50, START).generate(5, event -> {
      if (event.consent() == null) {
        times.add(event.time());
      }
    });

    assertThat(times).isSorted();
  }

  @Test
  void shouldRedeemOnlyOffersTheCustomerReceivedWhenTheLoopIsClosed() {
    Set<String> received = Set.of("o-garden-10", "o-kitchen-10");
    List<String> redeemed = new ArrayList<>();
    new ShopperSimulator(7, 50, START, (customer, at) -> customer.equals("c-3") ? List.copyOf(received) : List.of())
        .generate(21, event -> {
          if (event.basket() != null) {
            event.basket().getRedeemedOfferIds().forEach(o -> redeemed.add(event.basket().getCustomerId() + ":" + o));
          }
        });

    assertThat(redeemed).isNotEmpty().allMatch(r -> r.startsWith("c-3:o-garden-10") || r.startsWith("c-3:o-kitchen-10"));
  }

  @Test
  void shouldRedeemAnOfferForAFavouriteCategoryMoreOftenThanOneForAnother() {
    Map<String, Integer> redemptions = new HashMap<>();
    new ShopperSimulator(7, 200, START, (customer, at) -> List.of(offerFor(customer, 0), offerFor(customer, 4)))
        .generate(21, event -> {
          if (event.basket() != null && event.basket().getStoreId().startsWith("store-")) {
            String customer = event.basket().getCustomerId();
            event.basket().getRedeemedOfferIds().forEach(offer -> redemptions.merge(
                offer.equals(offerFor(customer, 0)) ? "favourite" : "other", 1, Integer::sum));
          }
        });

    assertThat(redemptions.get("other")).isPositive();
    assertThat(redemptions.get("favourite")).as(redemptions.toString())
        .isGreaterThan(redemptions.get("other") * 3 / 2);
  }

  /** The category offer for the customer's first favourite category (shift 0), or one four categories away. */
  private static String offerFor(String customerId, int shift) {
    int customer = Integer.parseInt(customerId.substring(2));
    return "o-" + ShopperSimulator.CATEGORIES.get((customer * 3 + shift) % ShopperSimulator.CATEGORIES.size()) + "-10";
  }

  private static List<String> traffic(ShopperSimulator simulator) {
    List<String> events = new ArrayList<>();
    simulator.generate(7, (Event event) -> events.add(event.toString()));
    return events;
  }
}
