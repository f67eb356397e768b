package io.persona.privacy;

import io.persona.avro.Channel;
import io.persona.avro.ChannelConsent;
import io.persona.avro.ConsentChange;
import io.persona.avro.ConsentState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Whether a customer consents to a channel at a given stream time: the latest change in force at that time, else
 * the channel's default (deny, unless configured otherwise for jurisdictions that allow opt-out). A few changes per
 * channel are kept, so an out-of-order change takes effect at its own time. On equal times a withdrawal wins.
 */
public final class Consents {
  /** Changes kept per channel: more than enough for the grace period of late events. */
  static final int KEPT_PER_CHANNEL = 4;
  private static final Comparator<ChannelConsent> BY_TIME = Comparator.comparing(ChannelConsent::getChangedAt)
      .thenComparing(ChannelConsent::getGranted, Comparator.reverseOrder());

  private final Map<Channel, Boolean> defaults;

  /** @param defaults consent of a channel nobody has said anything about; absent means deny */
  public Consents(Map<Channel, Boolean> defaults) {
    this.defaults = Map.copyOf(defaults);
  }

  public static ConsentState apply(ConsentState state, String customerId, ConsentChange change) {
    List<ChannelConsent> changes = new ArrayList<>(state == null ? List.of() : state.getChanges());
    changes.add(new ChannelConsent(change.getChannel(), change.getGranted(), change.getChangedAt()));
    changes.sort(BY_TIME);
    List<ChannelConsent> kept = new ArrayList<>();
    for (int i = changes.size() - 1; i >= 0; i--) {
      Channel channel = changes.get(i).getChannel();
      if (kept.stream().filter(c -> c.getChannel() == channel).count() < KEPT_PER_CHANNEL) {
        kept.add(0, changes.get(i));
      }
    }
    return new ConsentState(customerId, kept);
  }

  /** The state without any record of {@code channel} (a tombstone on the consent topic). */
  public static ConsentState forget(ConsentState state, Channel channel) {
    List<ChannelConsent> kept = state.getChanges().stream().filter(c -> c.getChannel() != channel).toList();
    return new ConsentState(state.getCustomerId(), new ArrayList<>(kept));
  }

  /** Whether any channel is allowed at {@code at}: the customer has agreed to hear from us somehow. */
  public boolean allowsAny(ConsentState state, Instant at) {
    for (Channel channel : Channel.values()) {
      if (channel != Channel.UNKNOWN && allows(state, channel, at)) {
        return true;
      }
    }
    return false;
  }

  public boolean allows(ConsentState state, Channel channel, Instant at) {
    ChannelConsent inForce = null;
    if (state != null) {
      for (ChannelConsent change : state.getChanges()) {
        if (change.getChannel() == channel && !change.getChangedAt().isAfter(at)
            && (inForce == null || BY_TIME.compare(change, inForce) >= 0)) {
          inForce = change;
        }
      }
    }
    return inForce != null ? inForce.getGranted() : defaults.getOrDefault(channel, false);
  }
}
