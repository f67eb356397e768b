package io.persona.decide;

import io.persona.avro.Channel;
import io.persona.avro.OfferTrigger;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How offers are decided and guarded.
 *
 * @param triggerChannels the channel each trigger sends to; a trigger absent from the map is switched off
 * @param caps frequency caps per channel (a channel without rules is uncapped)
 * @param cartAbandonedAfter stream time without a purchase after which a non-empty cart counts as abandoned
 * @param spikeThreshold category affinity whose crossing fires the interest-spike trigger
 * @param digestInterval how often an active customer gets a digest offer
 * @param cooldown an offer is not decided again for the same customer within this time
 * @param noReofferAfterRedemption an offer the customer redeemed is not offered again within this time
 * @param attributionWindow how long after a decision a redemption or purchase counts for it
 * @param validity how long a sent offer stays valid (never past the catalog's validTo)
 * @param holdoutPercent share of customers held out of each offer (sticky per customer and offer)
 * @param diversityShare share of offers that must come from outside the customer's top categories
 * @param probabilityDraws redraws used to estimate each decision's selection probability
 * @param priorRate response rate assumed for an offer nobody has answered yet
 * @param priorStrength how many observations the global prior is worth against a customer's own answers
 * @param timerInterval how often, in stream time, due triggers and closed attribution windows are looked for
 * @param maxNeighbours co-purchase neighbours kept per product
 * @param maxBasketProducts products of one basket that co-purchases learn from
 * @param relevance how relevance weighs its terms, and how many candidates a decision draws among
 */
public record OfferSettings(
    Map<OfferTrigger, Channel> triggerChannels,
    Map<Channel, FrequencyCaps> caps,
    Duration cartAbandonedAfter,
    double spikeThreshold,
    Duration digestInterval,
    Duration cooldown,
    Duration noReofferAfterRedemption,
    Duration attributionWindow,
    Duration validity,
    double holdoutPercent,
    double diversityShare,
    int probabilityDraws,
    double priorRate,
    double priorStrength,
    Duration timerInterval,
    int maxNeighbours,
    int maxBasketProducts,
    RelevanceWeights relevance) {

  /** Decisions kept per customer: enough for every cap, far below what one customer could be sent in a window. */
  public static final int MAX_SENDS_REMEMBERED = 64;
  public static final int MAX_RESPONSE_CLASSES = 24;
  public static final int MAX_CART_PRODUCTS = 20;

  public OfferSettings {
    triggerChannels = Map.copyOf(triggerChannels);
    caps = Map.copyOf(caps);
  }

  public Channel channelOf(OfferTrigger trigger) {
    return triggerChannels.get(trigger);
  }

  public boolean enabled(OfferTrigger trigger) {
    return triggerChannels.containsKey(trigger);
  }

  public FrequencyCaps capsOf(Channel channel) {
    return caps.getOrDefault(channel, new FrequencyCaps(List.of()));
  }

  /** How long a decision must be remembered: the longest cap, the cooldown or the attribution window. */
  public Duration memory() {
    Duration longest = cooldown.compareTo(attributionWindow) > 0 ? cooldown : attributionWindow;
    for (FrequencyCaps rules : caps.values()) {
      longest = rules.longest().compareTo(longest) > 0 ? rules.longest() : longest;
    }
    return longest;
  }
}
