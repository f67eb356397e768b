package io.persona.profile;

import io.persona.avro.ClickEvent;
import io.persona.avro.CustomerProfile;
import io.persona.avro.PosTransaction;

/** One thing that changes a customer's profile, whatever its source. */
public sealed interface ProfileChange {
  /** What kind of event this is, for the event counters: click, basket or anonymous-activity. */
  String kind();

  /** How many events of the shopper this change carries: one, or every anonymous click folded in at a login. */
  default long events() {
    return 1;
  }

  /** The profile after this change. */
  CustomerProfile applyTo(String customerId, CustomerProfile current, ProfileUpdater updater);

  record Click(ClickEvent click) implements ProfileChange {
    @Override
    public String kind() {
      return "click";
    }

    @Override
    public CustomerProfile applyTo(String customerId, CustomerProfile current, ProfileUpdater updater) {
      return updater.applyClick(customerId, current, click);
    }
  }

  record Basket(PosTransaction basket) implements ProfileChange {
    @Override
    public String kind() {
      return "basket";
    }

    @Override
    public CustomerProfile applyTo(String customerId, CustomerProfile current, ProfileUpdater updater) {
      return updater.applyBasket(customerId, current, basket);
    }
  }

  /** An anonymous id's activity before it was linked to this customer. */
  record Fold(CustomerProfile anonymous) implements ProfileChange {
    @Override
    public String kind() {
      return "anonymous-activity";
    }

    @Override
    public long events() {
      return anonymous.getEventCount();
    }

    @Override
    public CustomerProfile applyTo(String customerId, CustomerProfile current, ProfileUpdater updater) {
      return updater.merge(customerId, current, anonymous);
    }
  }
}
