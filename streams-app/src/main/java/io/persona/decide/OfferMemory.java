package io.persona.decide;

import io.persona.avro.AffinityScore;
import io.persona.avro.Channel;
import io.persona.avro.ClassResponse;
import io.persona.avro.ClickEvent;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.CustomerProfile;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferOutcome;
import io.persona.avro.OfferRedemption;
import io.persona.avro.OfferSend;
import io.persona.avro.OutcomeType;
import io.persona.learn.BetaPosterior;
import io.persona.profile.Affinities;
import io.persona.profile.Decay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What one customer's offer state remembers and how it changes: decisions (for caps, cooldowns and attribution),
 * redemptions, learned responses, the cart and the interest-spike marks. Pure: no Kafka, no clock; every time is an
 * event time passed in. Every list is bounded.
 */
public final class OfferMemory {
  static final Duration ACTIVITY_RESOLUTION = Duration.ofHours(1);

  private final OfferSettings settings;
  private final Decay decay;

  public OfferMemory(OfferSettings settings, Decay decay) {
    this.settings = settings;
    this.decay = decay;
  }

  public static CustomerOfferState empty(String customerId, Instant at) {
    return CustomerOfferState.newBuilder().setCustomerId(customerId).setLastActiveAt(at).build();
  }

  /**
   * Moves the last activity forward, to the hour: what the digest asks ("active this week?") needs no finer time,
   * and the state is then rewritten about once an hour per active customer, not on every click.
   *
   * @return whether the state changed
   */
  public static boolean touch(CustomerOfferState state, Instant at) {
    if (at.isBefore(state.getLastActiveAt().plus(ACTIVITY_RESOLUTION))) {
      return false;
    }
    state.setLastActiveAt(at);
    return true;
  }

  /** Follows the web cart; true when it changed (the abandonment clock restarts while it holds something). */
  public static boolean followCart(CustomerOfferState state, ClickEvent click) {
    List<String> cart = new ArrayList<>(state.getCartProductIds());
    boolean changed = switch (click.getType()) {
      case ADD_TO_CART -> click.getProductId() != null && !cart.contains(click.getProductId())
          && cart.size() < OfferSettings.MAX_CART_PRODUCTS && cart.add(click.getProductId());
      case REMOVE_FROM_CART -> cart.remove(click.getProductId());
      case CHECKOUT, PURCHASE -> {
        boolean held = !cart.isEmpty();
        cart.clear();
        yield held;
      }
      default -> false;
    };
    if (changed && !cart.isEmpty()) {
      state.setCartProductIds(cart);
      state.setCartUpdatedAt(click.getEventTime());
    } else if (changed) {
      clearCart(state);
    }
    return changed;
  }

  public static void clearCart(CustomerOfferState state) {
    state.setCartProductIds(new ArrayList<>());
    state.setCartUpdatedAt(null);
  }

  /** Whether the cart was left alone long enough, as of stream time {@code now}. */
  public boolean cartAbandoned(CustomerOfferState state, Instant now) {
    return !state.getCartProductIds().isEmpty() && state.getCartUpdatedAt() != null
        && !state.getCartUpdatedAt().plus(settings.cartAbandonedAfter()).isAfter(now);
  }

  /**
   * The strongest category that crossed the spike threshold since it was last below half of it, or null. Marks
   * it, so each crossing fires once; unmarks categories that fell back below half.
   */
  public String spikedCategory(CustomerOfferState state, CustomerProfile profile, Instant now) {
    double threshold = settings.spikeThreshold();
    List<String> above = new ArrayList<>(state.getCategoriesAboveSpike());
    String spiked = null;
    double strongest = 0;
    for (AffinityScore category : profile.getCategoryAffinities()) {
      double value = Affinities.valueAt(category, now, decay);
      if (value < threshold / 2) {
        above.remove(category.getKey());
      } else if (value >= threshold && !above.contains(category.getKey()) && value > strongest) {
        spiked = category.getKey();
        strongest = value;
      }
    }
    above.removeIf(key -> profile.getCategoryAffinities().stream().noneMatch(c -> c.getKey().equals(key)));
    if (spiked != null) {
      above.add(spiked);
    }
    state.setCategoriesAboveSpike(above);
    return spiked;
  }

  /** Whether one more decision on {@code channel} at {@code now} keeps the channel's frequency caps. */
  public boolean capsAllow(CustomerOfferState state, Channel channel, Instant now) {
    List<Instant> sends = state.getSends().stream().filter(s -> s.getChannel() == channel)
        .map(OfferSend::getSentAt).toList();
    return settings.capsOf(channel).allows(sends, now);
  }

  /**
   * The customer-level guards for one offer: valid and allowed on the channel, not decided within the cooldown,
   * not redeemed within the no-re-offer window, and within the offer's per-customer limits.
   */
  public boolean eligible(CustomerOfferState state, OfferCatalogEntry offer, Channel channel, Instant now) {
    if (!OfferIndex.makeable(offer, channel, now)) {
      return false;
    }
    int sent = 0;
    for (OfferSend send : state.getSends()) {
      if (send.getOfferId().equals(offer.getOfferId())) {
        sent++;
        if (send.getSentAt().plus(settings.cooldown()).isAfter(now)) {
          return false;
        }
      }
    }
    if (offer.getMaxSendsPerCustomer() != null && sent >= offer.getMaxSendsPerCustomer()) {
      return false;
    }
    for (OfferRedemption redemption : state.getRedemptions()) {
      if (redemption.getOfferId().equals(offer.getOfferId())) {
        boolean recent = redemption.getLastRedeemedAt().plus(settings.noReofferAfterRedemption()).isAfter(now);
        boolean limitReached = offer.getMaxRedemptionsPerCustomer() != null
            && redemption.getRedemptions() >= offer.getMaxRedemptionsPerCustomer();
        if (recent || limitReached) {
          return false;
        }
      }
    }
    return true;
  }

  /** Remembers a decision (sent or withheld), forgetting closed ones no window can see any more. */
  public void recordSend(CustomerOfferState state, OfferSend send) {
    Instant horizon = send.getSentAt().minus(settings.memory());
    List<OfferSend> kept = new ArrayList<>();
    for (OfferSend old : state.getSends()) {
      if (old.getOpen() || old.getSentAt().isAfter(horizon)) {
        kept.add(old);
      }
    }
    kept.add(send);
    kept.sort(Comparator.comparing(OfferSend::getSentAt));
    while (kept.size() > OfferSettings.MAX_SENDS_REMEMBERED) {
      kept.remove(0);
    }
    state.setSends(kept);
  }

  /** Closes an answered or lapsed decision and learns from it for the offer's class. */
  public static void close(CustomerOfferState state, OfferSend send, boolean success, Instant at) {
    replace(state, send.getOfferEventId(), s -> s.setOpen(false));
    learn(state, send.getOfferClass(), success, at);
  }

  private static void replace(CustomerOfferState state, String offerEventId, UnaryOperator<OfferSend.Builder> change) {
    List<OfferSend> sends = new ArrayList<>(state.getSends());
    for (int i = 0; i < sends.size(); i++) {
      if (sends.get(i).getOfferEventId().equals(offerEventId)) {
        sends.set(i, change.apply(OfferSend.newBuilder(sends.get(i))).build());
      }
    }
    state.setSends(sends);
  }

  /** Remembers that the customer redeemed {@code offerId} at {@code at}. */
  public void recordRedemption(CustomerOfferState state, String offerId, Instant at) {
    List<OfferRedemption> kept = new ArrayList<>();
    OfferRedemption current = null;
    for (OfferRedemption redemption : state.getRedemptions()) {
      if (redemption.getOfferId().equals(offerId)) {
        current = redemption;
      } else if (redemption.getLastRedeemedAt().plus(settings.noReofferAfterRedemption()).isAfter(at)) {
        kept.add(redemption);
      }
    }
    int count = current == null ? 1 : current.getRedemptions() + 1;
    Instant last = current == null || at.isAfter(current.getLastRedeemedAt()) ? at : current.getLastRedeemedAt();
    kept.add(new OfferRedemption(offerId, count, last));
    while (kept.size() > OfferSettings.MAX_SENDS_REMEMBERED) {
      kept.remove(0);
    }
    state.setRedemptions(kept);
  }

  /** This customer's belief about an offer class: the offer's global record as prior, their own answers on top. */
  public static BetaPosterior posterior(CustomerOfferState state, String offerClass, BetaPosterior prior) {
    if (state == null) {
      return prior;
    }
    for (ClassResponse response : state.getResponses()) {
      if (response.getOfferClass().equals(offerClass)) {
        return prior.observe(response.getSuccesses(), response.getFailures());
      }
    }
    return prior;
  }

  private static void learn(CustomerOfferState state, String offerClass, boolean success, Instant at) {
    List<ClassResponse> responses = new ArrayList<>(state.getResponses());
    ClassResponse current = responses.stream().filter(r -> r.getOfferClass().equals(offerClass)).findFirst()
        .orElse(null);
    if (current == null) {
      current = new ClassResponse(offerClass, 0, 0, at);
      responses.add(current);
    }
    ClassResponse updated = new ClassResponse(offerClass, current.getSuccesses() + (success ? 1 : 0),
        current.getFailures() + (success ? 0 : 1), at.isAfter(current.getUpdatedAt()) ? at : current.getUpdatedAt());
    responses.set(responses.indexOf(current), updated);
    if (responses.size() > OfferSettings.MAX_RESPONSE_CLASSES) {
      responses.remove(responses.stream().min(Comparator.comparing(ClassResponse::getUpdatedAt)).orElseThrow());
    }
    state.setResponses(responses);
  }
}
