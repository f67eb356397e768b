package io.persona.identity;

import io.persona.avro.ClickEvent;
import io.persona.avro.CustomerProfile;
import io.persona.avro.IdentityState;
import io.persona.profile.PackedRecentEvents;
import io.persona.profile.ProfileSettings;
import io.persona.profile.ProfileUpdater;
import io.persona.profile.RecentEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whom a click counts for. A click naming a customer links its anonymous id to them (up to the per-device
 * cap); the first link hands over the anonymous id's earlier activity, once. Later anonymous clicks count for the
 * customer who last logged in on that id; clicks of an id never linked build its small anonymous profile. Once a
 * link is refused (a shared device), anonymous clicks count for nobody until a linked customer logs in again.
 */
public final class IdentityResolver {
  private final IdentitySettings settings;
  private final ProfileSettings profileSettings;
  private final ProfileUpdater anonymousProfiles;

  public IdentityResolver(IdentitySettings settings, ProfileSettings profileSettings) {
    this.settings = settings;
    this.profileSettings = profileSettings;
    this.anonymousProfiles = new ProfileUpdater(profileSettings.anonymous(settings.anonymousMaxEntries()));
  }

  /**
   * @param customerId whom the click counts for; null while the anonymous id is linked to nobody
   * @param folded the anonymous activity to add to {@code customerId}'s profile now, or null
   * @param duplicate the click was counted before (a tracker retry); nothing else changes
   * @param linkRefused the click named a new customer on an id already at the per-device cap
   */
  public record Resolution(IdentityState state, String customerId, CustomerProfile folded, boolean duplicate,
      boolean linkRefused) {}

  /** Updates {@code current} in place (it is freshly read for each click) and returns the resolution. */
  public Resolution resolve(IdentityState current, ClickEvent click) {
    Instant at = click.getEventTime();
    if (current != null && isDuplicate(current, click)) {
      return new Resolution(current, null, null, true, false);
    }
    IdentityState state = current != null ? current
        : IdentityState.newBuilder().setAnonymousId(click.getAnonymousId()).setLastSeen(at).build();
    state.setRecentClicks(PackedRecentEvents.remember(state.getRecentClicks(), click.getEventId(), at,
        profileSettings.dedupWindow(), profileSettings.maxRemembered()));
    if (!state.getRecentEventIds().isEmpty()) {
      Instant horizon = at.minus(profileSettings.dedupWindow());
      state.setRecentEventIds(state.getRecentEventIds().stream().filter(e -> !e.getAt().isBefore(horizon)).toList());
    }
    state.setLastSeen(at.isAfter(state.getLastSeen()) ? at : state.getLastSeen());
    String named = click.getCustomerId();
    if (named != null) {
      return link(state, named);
    }
    if (state.getLastCustomerId() != null) {
      return new Resolution(state, state.getLastCustomerId(), null, false, false);
    }
    if (!state.getLinkedCustomerIds().isEmpty()) {
      return new Resolution(state, null, null, false, false); // a shared device: whose click is unknown
    }
    state.setAnonymousProfile(anonymousProfiles.applyClick(state.getAnonymousId(), state.getAnonymousProfile(), click));
    return new Resolution(state, null, null, false, false);
  }

  /** Ids counted before v4 of IdentityState are still in the record list until they age out. */
  private boolean isDuplicate(IdentityState state, ClickEvent click) {
    Instant at = click.getEventTime();
    return PackedRecentEvents.isDuplicate(state.getRecentClicks(), click.getEventId(), at,
            profileSettings.dedupWindow())
        || RecentEvents.isDuplicate(state.getRecentEventIds(), click.getEventId(), at, profileSettings.dedupWindow());
  }

  /** Whether the state can be forgotten at stream time {@code now}. */
  public boolean expired(IdentityState state, Instant now) {
    return expiresAt(state).isBefore(now);
  }

  /** When the state is to be forgotten if nothing more happens: a linked id lives longer than an anonymous one. */
  public Instant expiresAt(IdentityState state) {
    boolean linked = !state.getLinkedCustomerIds().isEmpty();
    return state.getLastSeen().plus(linked ? settings.linkTtl() : settings.anonymousTtl());
  }

  private Resolution link(IdentityState state, String customerId) {
    List<String> linked = state.getLinkedCustomerIds();
    if (linked.contains(customerId)) {
      state.setLastCustomerId(customerId);
      return new Resolution(state, customerId, null, false, false);
    }
    if (linked.size() >= settings.maxCustomersPerDevice()) {
      state.setLastCustomerId(null);
      return new Resolution(state, customerId, null, false, true);
    }
    List<String> extended = new ArrayList<>(linked);
    extended.add(customerId);
    state.setLinkedCustomerIds(extended);
    state.setLastCustomerId(customerId);
    CustomerProfile folded = state.getAnonymousProfile();
    state.setAnonymousProfile(null);
    return new Resolution(state, customerId, folded, false, false);
  }
}
