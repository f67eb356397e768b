package io.persona.faults;

import io.persona.avro.CustomerProfile;
import io.persona.avro.OfferTrigger;
import io.persona.decide.StableHash;
import io.persona.faults.FaultWorkload.Input;
import io.persona.profile.ProfileSettings;
import io.persona.profile.ProfileUpdater;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run without faults must leave behind, computed from the workload alone, without Kafka: each customer's
 * profile folded from their own events in order by the domain's updater, one post-purchase offer per basket (its id
 * is a hash of customer, trigger and basket id, so it is known in advance), and every malformed record once in the
 * dead letters.
 */
public record Oracle(Map<String, CustomerProfile> profiles, Set<String> offerEventIds, List<Input> pills) {

  public static Oracle of(List<Input> inputs, ProfileSettings settings) {
    ProfileUpdater updater = new ProfileUpdater(settings);
    Map<String, CustomerProfile> profiles = new HashMap<>();
    Set<String> offers = new HashSet<>();
    for (Input input : inputs) {
      if (input.click() != null) {
        String customer = input.click().getCustomerId();
        profiles.put(customer, updater.applyClick(customer, profiles.get(customer), input.click()));
      } else if (input.basket() != null) {
        String customer = input.basket().getCustomerId();
        profiles.put(customer, updater.applyBasket(customer, profiles.get(customer), input.basket()));
        offers.add(StableHash.uuid("offer-event", customer, OfferTrigger.POST_PURCHASE.name(),
            input.basket().getTransactionId()).toString());
      }
    }
    return new Oracle(Map.copyOf(profiles), Set.copyOf(offers),
        inputs.stream().filter(input -> !input.valid()).toList());
  }
}
