package io.persona.profile;

import io.persona.avro.Channel;
import io.persona.avro.ClickEvent;
import io.persona.avro.CustomerProfile;
import io.persona.avro.Device;
import io.persona.avro.LineItem;
import io.persona.avro.PosTransaction;
import io.persona.avro.PurchaseCycle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Folds one event into a profile: decayed affinities, recency/frequency/monetary value, lifetime value, purchase
 * cycles, devices and channels. Keeps derived features only, never the events themselves.
 *
 * <p>The profile passed in is updated in place and returned (it is freshly read from the store for each event, and
 * a deep copy per event would cost more than all the arithmetic).
 */
public final class ProfileUpdater {
  private final ProfileSettings settings;
  private final Decay decay;

  public ProfileUpdater(ProfileSettings settings) {
    this.settings = settings;
    this.decay = new Decay(settings.halfLife());
  }

  public CustomerProfile applyClick(String customerId, CustomerProfile current, ClickEvent click) {
    CustomerProfile profile = seen(customerId, current, click.getEventTime());
    double weight = settings.weight(click.getType());
    addInterest(profile, click.getCategory(), click.getBrand(), click.getProductId(), weight, click.getEventTime());
    profile.setDevicesSeen(with(profile.getDevicesSeen(), click.getDevice() == Device.UNKNOWN ? null : click.getDevice()));
    profile.setChannelsSeen(with(profile.getChannelsSeen(), Channel.WEB));
    return withMoneyFigures(profile);
  }

  /** The profile with {@code basket} counted (duplicates are filtered before, by the caller). */
  public CustomerProfile applyBasket(String customerId, CustomerProfile current, PosTransaction basket) {
    Instant at = basket.getEventTime();
    CustomerProfile profile = seen(customerId, current, at);
    Set<String> bought = new HashSet<>();
    for (LineItem line : basket.getLineItems()) {
      double weight = settings.purchaseWeight() * lineStrength(line.getQuantity()); // negative for a return
      addInterest(profile, line.getCategory(), line.getBrand(), line.getProductId(), weight, at);
      // a basket counts once per product however many lines hold it: purchase frequency counts baskets
      if (line.getQuantity() > 0 && bought.add(line.getProductId())) {
        recordPurchase(profile, line.getProductId(), at);
      }
    }
    if (!bought.isEmpty()) {
      profile.setPurchaseCount(profile.getPurchaseCount() + 1);
      profile.setLastPurchaseAt(latest(profile.getLastPurchaseAt(), at));
    }
    // Net of returns. Not clamped at zero: a return that arrives before its purchase must still count once it does.
    profile.setTotalSpend(profile.getTotalSpend() + basket.getTotal());
    profile.setChannelsSeen(with(profile.getChannelsSeen(), Channel.POS));
    return withMoneyFigures(profile);
  }

  /**
   * How much a line says about interest: buying a product at all says most, buying many of it somewhat more (1 unit
   * counts 1, 12 units 3.5, 240 units 6.5), so a wholesale order of one item does not drown every repeated purchase.
   * A return takes back exactly what the same purchase gave.
   */
  static double lineStrength(int quantity) {
    return Math.signum(quantity) * (1 + Math.log(Math.abs(quantity)));
  }

  /** Counts the basket for the product; a product the bounded list drops is remembered as bought, in a filter. */
  private void recordPurchase(CustomerProfile profile, String productId, Instant at) {
    List<PurchaseCycle> before = profile.getPurchaseCycles();
    List<PurchaseCycle> after = PurchaseCycles.record(before, productId, at, settings.maxPurchaseCycles());
    profile.setPurchaseCycles(after);
    if (after.size() > before.size() || settings.maxPurchaseCycles() <= 0) {
      return;
    }
    Set<String> kept = new HashSet<>();
    after.forEach(cycle -> kept.add(cycle.getProductId()));
    List<String> dropped = new ArrayList<>();
    before.forEach(cycle -> dropped.add(cycle.getProductId()));
    dropped.add(productId);
    for (String product : dropped) {
      if (!kept.contains(product)) {
        profile.setForgottenPurchases(ForgottenPurchases.add(profile.getForgottenPurchases(), product));
      }
    }
  }

  /** Adds what an anonymous visitor did before logging in to the customer's profile. */
  public CustomerProfile merge(String customerId, CustomerProfile current, CustomerProfile anonymous) {
    CustomerProfile profile = seen(customerId, current, anonymous.getFirstSeen());
    profile.setLastSeen(latest(profile.getLastSeen(), anonymous.getLastSeen()));
    profile.setEventCount(profile.getEventCount() - 1 + anonymous.getEventCount());
    profile.setCategoryAffinities(Affinities.merge(profile.getCategoryAffinities(), anonymous.getCategoryAffinities(),
        decay, settings.maxCategories()));
    profile.setBrandAffinities(Affinities.merge(profile.getBrandAffinities(), anonymous.getBrandAffinities(), decay,
        settings.maxBrands()));
    profile.setProductAffinities(Affinities.merge(profile.getProductAffinities(), anonymous.getProductAffinities(),
        decay, settings.maxProducts()));
    anonymous.getDevicesSeen().forEach(d -> profile.setDevicesSeen(with(profile.getDevicesSeen(), d)));
    anonymous.getChannelsSeen().forEach(c -> profile.setChannelsSeen(with(profile.getChannelsSeen(), c)));
    return withMoneyFigures(profile);
  }

  /** The profile (or a new one) with this event counted in first/last seen. */
  private static CustomerProfile seen(String customerId, CustomerProfile current, Instant at) {
    if (current == null) {
      return CustomerProfile.newBuilder().setCustomerId(customerId).setFirstSeen(at).setLastSeen(at)
          .setEventCount(1).build();
    }
    CustomerProfile profile = current;
    profile.setFirstSeen(at.isBefore(profile.getFirstSeen()) ? at : profile.getFirstSeen());
    profile.setLastSeen(latest(profile.getLastSeen(), at));
    profile.setEventCount(profile.getEventCount() + 1);
    return profile;
  }

  private void addInterest(CustomerProfile profile, String category, String brand, String productId, double weight,
      Instant at) {
    profile.setCategoryAffinities(Affinities.add(profile.getCategoryAffinities(), category, weight, at, decay,
        settings.maxCategories()));
    profile.setBrandAffinities(Affinities.add(profile.getBrandAffinities(), brand, weight, at, decay,
        settings.maxBrands()));
    profile.setProductAffinities(Affinities.add(profile.getProductAffinities(), productId, weight, at, decay,
        settings.maxProducts()));
  }

  private CustomerProfile withMoneyFigures(CustomerProfile profile) {
    int purchases = profile.getPurchaseCount();
    profile.setAverageOrderValue(purchases == 0 ? 0.0 : Math.max(0.0, profile.getTotalSpend()) / purchases);
    profile.setLifetimeValueEstimate(LifetimeValue.estimate(purchases, profile.getTotalSpend(),
        profile.getFirstSeen(), profile.getLastPurchaseAt(), profile.getLastSeen(), settings.ltvHorizonYears()));
    return profile;
  }

  /** The set {@code values} plus {@code value}, in enum order, so arrival order does not show. */
  private static <T extends Enum<T>> List<T> with(List<T> values, T value) {
    if (value == null || values.contains(value)) {
      return values;
    }
    List<T> extended = new ArrayList<>(values);
    extended.add(value);
    extended.sort(null);
    return extended;
  }

  private static Instant latest(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
