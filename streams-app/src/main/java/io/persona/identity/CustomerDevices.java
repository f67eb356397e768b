package io.persona.identity;

import io.persona.avro.ClickEvent;
import io.persona.avro.CustomerLinks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The anonymous ids (devices) a customer is linked to, and when a click keyed by the customer is a login that
 * identity resolution must hear of: the first click from a device or session, so that the device's anonymous
 * activity is folded in and its later anonymous clicks count for this customer. Every other click of the session
 * skips identity resolution altogether.
 */
public final class CustomerDevices {
  /** More than any real customer has; the oldest links drop out first (they also expire in identity-store). */
  public static final int MAX_LINKS = 100;

  private CustomerDevices() {}

  /** Whether {@code click}, keyed by its customer, starts a device or session identity resolution has not heard of. */
  public static boolean isNewLogin(CustomerLinks links, ClickEvent click) {
    return links == null
        || !Objects.equals(links.getLastLoginAnonymousId(), click.getAnonymousId())
        || !Objects.equals(links.getLastLoginSessionId(), click.getSessionId());
  }

  /** {@code links} with the click's device linked and its session remembered as the last login announced. */
  public static CustomerLinks withLogin(String customerId, CustomerLinks links, ClickEvent click) {
    CustomerLinks updated = withLink(customerId, links, click.getAnonymousId());
    updated.setLastLoginAnonymousId(click.getAnonymousId());
    updated.setLastLoginSessionId(click.getSessionId());
    return updated;
  }

  /** {@code links} with {@code anonymousId} added (oldest dropped beyond {@link #MAX_LINKS}); the same when known. */
  public static CustomerLinks withLink(String customerId, CustomerLinks links, String anonymousId) {
    CustomerLinks current = links != null ? links : new CustomerLinks(customerId, List.of(), null, null);
    if (current.getAnonymousIds().contains(anonymousId)) {
      return current;
    }
    List<String> ids = new ArrayList<>(current.getAnonymousIds());
    ids.add(anonymousId);
    while (ids.size() > MAX_LINKS) {
      ids.remove(0);
    }
    current.setAnonymousIds(ids);
    return current;
  }
}
