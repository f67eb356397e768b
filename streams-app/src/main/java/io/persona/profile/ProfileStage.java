package io.persona.profile;

import io.persona.avro.ClickEvent;
import io.persona.avro.PosTransaction;
import io.persona.config.PersonaConfig;
import io.persona.metrics.AppMetrics;
import io.persona.topology.StoreNames;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** profile: every change of a customer folded into their profile, in the task that owns the customer. */
public final class ProfileStage {
  private ProfileStage() {}

  /** A logged-in customer's own clicks, and the clicks identity resolution brought to them. */
  public static KStream<String, ProfileChange> clickChanges(KStream<String, ClickEvent> customerClicks,
      KStream<String, ProfileChange> resolved) {
    return customerClicks
        .mapValues(click -> (ProfileChange) new ProfileChange.Click(click), Named.as("click-to-change"))
        .merge(resolved, Named.as("merge-click-changes"));
  }

  /** Baskets with a loyalty id; the POS already keys them by customer. Anonymous baskets have no profile. */
  public static KStream<String, ProfileChange> basketChanges(KStream<String, PosTransaction> baskets) {
    return baskets
        .filter((customerId, basket) -> basket.getCustomerId() != null, Named.as("keep-loyalty-baskets"))
        .mapValues(basket -> (ProfileChange) new ProfileChange.Basket(basket), Named.as("basket-to-change"));
  }

  public static KStream<String, ProfileUpdate> update(KStream<String, ProfileChange> changes, PersonaConfig config,
      AppMetrics metrics) {
    return changes.process(new UpdateProfileProcessor.Supplier(config.profile(),
        config.privacy().inactiveRetention(), config.privacy().consents(), metrics,
        config.processingGuarantee().startsWith("exactly_once")),
        Named.as("update-customer-profile"), StoreNames.CONSENT);
  }
}
