package io.persona.profile;

import io.persona.avro.CustomerProfile;
import io.persona.avro.Device;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Folds one activity into a customer's profile: first and last seen, counts, spend, recency, devices. */
public final class ProfileUpdater {
  private ProfileUpdater() {}

  public static CustomerProfile apply(String customerId, CustomerProfile current, CustomerActivity activity) {
    CustomerProfile profile = current != null ? CustomerProfile.newBuilder(current).build() : empty(customerId, activity);
    Instant at = activity.eventTime();
    profile.setFirstSeen(earliest(profile.getFirstSeen(), at));
    profile.setLastSeen(latest(profile.getLastSeen(), at));
    profile.setEventCount(profile.getEventCount() + 1);
    if (activity.purchase()) {
      profile.setPurchaseCount(profile.getPurchaseCount() + 1);
      profile.setTotalSpend(profile.getTotalSpend() + activity.spend());
      profile.setLastPurchaseAt(profile.getLastPurchaseAt() == null ? at : latest(profile.getLastPurchaseAt(), at));
    }
    profile.setDevicesSeen(withDevice(profile.getDevicesSeen(), activity.device()));
    return profile;
  }

  private static CustomerProfile empty(String customerId, CustomerActivity activity) {
    return CustomerProfile.newBuilder()
        .setCustomerId(customerId)
        .setFirstSeen(activity.eventTime())
        .setLastSeen(activity.eventTime())
        .build();
  }

  private static List<Device> withDevice(List<Device> seen, Device device) {
    if (device == null || device == Device.UNKNOWN || seen.contains(device)) {
      return seen;
    }
    List<Device> devices = new ArrayList<>(seen);
    devices.add(device);
    return devices;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
