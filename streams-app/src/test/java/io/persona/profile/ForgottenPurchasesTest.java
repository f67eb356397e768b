package io.persona.profile;

import static io.persona.testkit.TestEvents.T0;
import static io.persona.testkit.TestEvents.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.CustomerProfile;
import io.persona.config.ConfigLoader;
import io.persona.testkit.TestEvents;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ForgottenPurchasesTest {

  @Test
  void shouldNeverTakeAnAddedProductForNewAndRarelyANewOneForBought() {
    ByteBuffer filter = null;
    for (int i = 0; i < 100; i++) {
      filter = ForgottenPurchases.add(filter, "p-" + i);
    }
    ByteBuffer full = filter;

    assertThat(IntStream.range(0, 100)).allMatch(i -> ForgottenPurchases.mightContain(full, "p-" + i));
    long takenForBought = IntStream.range(1_000, 11_000)
        .filter(i -> ForgottenPurchases.mightContain(full, "p-" + i)).count();
    assertThat(takenForBought).as("false positives in 10,000 never added").isLessThan(500);
  }

  @Test
  void shouldRememberAProductTheBoundedPurchaseListDrops() {
    ProfileUpdater updater = new ProfileUpdater(ConfigLoader.load(Map.of(), null).profile());
    CustomerProfile profile = null;
    for (int i = 0; i < 60; i++) { // ten more single purchases than the list keeps (50)
      profile = updater.applyBasket("c-1", profile, TestEvents.basket("t-" + i, "c-1", T0.plusSeconds(i),
          line("p-" + i, "garden", "acme", 1, 5)));
    }
    CustomerProfile bought = profile;

    assertThat(bought.getPurchaseCycles()).hasSize(50);
    assertThat(IntStream.range(0, 60)).allMatch(i -> bought.getPurchaseCycles().stream()
        .anyMatch(c -> c.getProductId().equals("p-" + i))
        || ForgottenPurchases.mightContain(bought.getForgottenPurchases(), "p-" + i));
    assertThat(ForgottenPurchases.mightContain(bought.getForgottenPurchases(), "p-never-bought")).isFalse();
  }

  @Test
  void shouldCostNothingUntilAProductIsDropped() {
    ProfileUpdater updater = new ProfileUpdater(ConfigLoader.load(Map.of(), null).profile());
    CustomerProfile profile = updater.applyBasket("c-1", null, TestEvents.basket("t-1", "c-1", T0,
        line("p-1", "garden", "acme", 1, 5)));

    assertThat(profile.getForgottenPurchases().remaining()).isZero();
  }
}
