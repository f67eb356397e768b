package io.persona.profile;

import static io.persona.testkit.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.ClickEventType;
import io.persona.avro.CustomerProfile;
import io.persona.avro.LineItem;
import io.persona.config.ConfigLoader;
import io.persona.testkit.TestEvents;
import io.persona.topology.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A profile never grows without bound, and stays small: measured in Avro bytes, as stored and published. The
 * figures are printed for the README; the assertions are the bounds the defaults promise.
 */
class ProfileSizeTest {
  private static final ClickEventType[] CLICKS = {
    ClickEventType.PAGE_VIEW, ClickEventType.PRODUCT_VIEW, ClickEventType.PRODUCT_VIEW, ClickEventType.ADD_TO_CART};

  private final ProfileUpdater updater = new ProfileUpdater(ConfigLoader.load(Map.of(), null).profile());

  @Test
  void shouldKeepATypicalShoppersProfileUnderTwoKilobytes() {
    // Half a year: 300 clicks and 15 baskets over 40 products in 12 categories and 10 brands.
    CustomerProfile profile = shopper(300, 15, 40, 12, 10);
    int bytes = Topics.CUSTOMER_PROFILES.valueSerde().encode(profile).length;
    System.out.printf("profile bytes: typical shopper %d%n", bytes);

    assertThat(bytes).isLessThan(2_048);
  }

  @Test
  void shouldBoundAProfileWhateverTheActivity() {
    // Ten times the caps in distinct keys, and more baskets than the duplicate memory holds.
    CustomerProfile profile = shopper(5_000, 200, 1_000, 300, 300);
    int bytes = Topics.CUSTOMER_PROFILES.valueSerde().encode(profile).length;
    System.out.printf("profile bytes: every map full %d%n", bytes);

    assertThat(profile.getCategoryAffinities()).hasSize(20);
    assertThat(profile.getBrandAffinities()).hasSize(20);
    assertThat(profile.getProductAffinities()).hasSize(50);
    assertThat(profile.getPurchaseCycles()).hasSize(50);
    assertThat(profile.getRecentEventIds()).isEmpty();
    assertThat(bytes).isLessThan(6_000);
  }

  private CustomerProfile shopper(int clicks, int baskets, int products, int categories, int brands) {
    Random random = new Random(42);
    CustomerProfile profile = null;
    Duration span = Duration.ofDays(180);
    for (int i = 0; i < clicks; i++) {
      int product = random.nextInt(products);
      Instant at = T0.plusMillis(span.toMillis() * i / clicks);
      profile = updater.applyClick("c-1", profile, TestEvents.click("e-" + i, "anon-1", "c-1", at,
          CLICKS[random.nextInt(CLICKS.length)], "category-" + product % categories, "brand-" + product % brands,
          "product-" + product));
    }
    for (int i = 0; i < baskets; i++) {
      int product = random.nextInt(products);
      Instant at = T0.plusMillis(span.toMillis() * i / baskets);
      LineItem line = TestEvents.line("product-" + product, "category-" + product % categories,
          "brand-" + product % brands, 1 + random.nextInt(3), 5 + random.nextInt(50));
      profile = updater.applyBasket("c-1", profile, TestEvents.basket("t-" + i, "c-1", at, line));
    }
    return profile;
  }
}
