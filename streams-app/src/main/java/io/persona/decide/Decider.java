package io.persona.decide;

import io.persona.avro.Channel;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.CustomerProfile;
import io.persona.avro.ExperimentArm;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKpi;
import io.persona.avro.OfferSend;
import io.persona.avro.OfferTrigger;
import io.persona.avro.PersonalizedOffer;
import io.persona.avro.ProductNeighbours;
import io.persona.decide.Ranker.Candidate;
import io.persona.decide.Ranker.Ranked;
import io.persona.learn.BetaPosterior;
import io.persona.learn.OfferLedger;
import io.persona.profile.Decay;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides which offer, if any, a customer gets: candidates from the profile, the customer-level guards, a ranking
 * by relevance times a Thompson draw of the customer's response, and the sticky holdout. The same inputs always give
 * the same decision, with the same offer event id.
 */
public final class Decider {
  /** Where the shared, non-customer knowledge comes from: the global stores. */
  public interface Lookups {
    ProductNeighbours neighbours(String productId);

    OfferKpi kpi(String offerId);

    /**
     * Whether the offer's budget allows one more send. By default, judged from the offer's KPIs (what a read-only
     * query can know); a decision asks its task's share of the budget instead.
     */
    default boolean budgetAllows(OfferCatalogEntry offer, OfferKpi kpi) {
      return OfferLedger.budgetAllows(kpi, offer);
    }
  }

  /** One decision: the offer event to publish (or withhold) and what the customer's state remembers of it. */
  public record Decision(PersonalizedOffer offer, OfferSend send) {
    public boolean heldOut() {
      return offer.getExperimentArm() == ExperimentArm.HOLDOUT;
    }
  }

  /**
   * A ranked offer with its catalog entry, for the read-only lists.
   *
   * @param heldBack a guard (cooldown, no re-offer, per-customer limit, budget) would hold it back from a decision now
   */
  public record Option(OfferCatalogEntry offer, Ranked ranked, boolean heldBack) {}

  /** The most observations the global record weighs against a customer's own answers. */
  static final double MAX_PRIOR_WEIGHT = 100;

  private final OfferSettings settings;
  private final OfferViews views;
  private final Lookups lookups;
  private final CustomerGuards guards;
  private final Candidates candidates;
  private final Ranker ranker;
  private final Holdout holdout;

  public Decider(OfferSettings settings, OfferViews views, Lookups lookups, CustomerGuards guards,
      Candidates candidates) {
    this.settings = settings;
    this.views = views;
    this.lookups = lookups;
    this.guards = guards;
    this.candidates = candidates;
    this.ranker = new Ranker(settings.probabilityDraws(), settings.diversityShare());
    this.holdout = new Holdout(settings.holdoutPercent());
  }

  /** The decider the topology and the queries share, so a query ranks exactly as a decision would. */
  public static Decider create(OfferSettings settings, Decay decay, OfferViews views, Lookups lookups) {
    return new Decider(settings, views, lookups, new CustomerGuards(settings),
        new Candidates(views.catalog(), lookups::neighbours, views.popular(), decay, settings.relevance()));
  }

  /**
   * The decision for {@code trigger} at event time {@code now}, or null when the channel's cap is reached or no
   * offer passes the guards.
   *
   * @param triggerKey what makes this decision unique for the customer and trigger: the triggering event's id, or
   *     the due time of a timer; it seeds the offer event id and the draws
   */
  public Decision decide(String customerId, CustomerProfile profile, CustomerOfferState state, OfferTrigger trigger,
      String triggerKey, Instant now) {
    Channel channel = settings.channelOf(trigger);
    if (channel == null || !guards.capsAllow(state, channel, now)) {
      return null;
    }
    String offerEventId = StableHash.uuid("offer-event", customerId, trigger.name(), triggerKey).toString();
    Option best = draw(profile, state, channel, now, StableHash.of("rank", offerEventId));
    if (best == null) {
      return null;
    }
    OfferCatalogEntry offer = best.offer();
    ExperimentArm arm = holdout.holdsOut(customerId, offer.getOfferId()) ? ExperimentArm.HOLDOUT
        : ExperimentArm.TREATMENT;
    Instant expires = now.plus(settings.validity());
    if (offer.getValidTo() != null && offer.getValidTo().isBefore(expires)) {
      expires = offer.getValidTo();
    }
    PersonalizedOffer event = PersonalizedOffer.newBuilder()
        .setOfferEventId(offerEventId)
        .setCustomerId(customerId)
        .setOfferId(offer.getOfferId())
        .setChannel(channel)
        .setTrigger(trigger)
        .setScore(best.ranked().score())
        .setSelectionProbability(best.ranked().selectionProbability())
        .setReasonCodes(reasons(best.ranked()))
        .setExperimentArm(arm)
        .setCreatedAt(now)
        .setExpiresAt(expires)
        .setOfferName(offer.getName())
        .setOfferKind(offer.getKind())
        .setDiscountValue(offer.getDiscountValue())
        .build();
    OfferSend send = new OfferSend(offerEventId, offer.getOfferId(), offerClass(offer), channel, arm, now,
        offer.getTargetProductId(), offer.getTargetCategory(), offer.getTargetBrand(), true,
        true, null); // sent (or withheld) in the transaction that decides it
    return new Decision(event, send);
  }

  /**
   * The k offers the customer would most likely take on {@code channel} now, by relevance alone: what a web page or
   * the evaluation asks. Guards and learned responses decide what is sent, not what is relevant, so an offer a guard
   * would hold back now stays in the list, flagged. Changes nothing and consumes no cap.
   */
  public List<Option> topK(CustomerProfile profile, CustomerOfferState state, Channel channel, Instant now, int k) {
    return mostRelevant(candidates.find(profile, cart(state), now, k), state, channel, now, k);
  }

  /** The k most relevant offers on products new to the customer, flagged like {@link #topK}. */
  public List<Option> discover(CustomerProfile profile, CustomerOfferState state, Channel channel, Instant now,
      int k) {
    return mostRelevant(candidates.discover(profile, cart(state), now, k), state, channel, now, k);
  }

  /** Kind and target: the unit a customer's response is learned for. */
  public static String offerClass(OfferCatalogEntry offer) {
    String target = offer.getTargetCategory() != null ? offer.getTargetCategory()
        : offer.getTargetBrand() != null ? "brand=" + offer.getTargetBrand() : "product";
    return offer.getKind().name() + ":" + target;
  }

  private static List<String> cart(CustomerOfferState state) {
    return state == null ? List.of() : state.getCartProductIds();
  }

  private List<Option> mostRelevant(List<Candidate> found, CustomerOfferState state, Channel channel, Instant now,
      int k) {
    List<Option> options = new ArrayList<>(k);
    for (Candidate candidate : byRelevance(found)) {
      OfferCatalogEntry offer = views.catalog().get(candidate.offerId());
      if (offer == null || !OfferIndex.makeable(offer, channel, now)) {
        continue;
      }
      boolean heldBack = (state != null && !guards.eligible(state, offer, channel, now))
          || !lookups.budgetAllows(offer, kpi(offer));
      options.add(new Option(offer, new Ranked(candidate, candidate.relevance(), Double.NaN, false, false), heldBack));
      if (options.size() == k) {
        break;
      }
    }
    return options;
  }

  /**
   * The decision's offer: among the most relevant offers that pass every guard, the best by relevance times a draw
   * from the customer's response posterior (Thompson sampling), so that redemptions keep teaching the bandit.
   */
  private Option draw(CustomerProfile profile, CustomerOfferState state, Channel channel, Instant now, long seed) {
    List<Candidate> pool = new ArrayList<>();
    Map<String, OfferCatalogEntry> offers = new HashMap<>();
    Map<String, OfferKpi> kpis = new HashMap<>();
    for (Candidate candidate : byRelevance(candidates.find(profile, cart(state), now, 0))) {
      OfferCatalogEntry offer = views.catalog().get(candidate.offerId());
      if (offer == null || (state != null && !guards.eligible(state, offer, channel, now))
          || (state == null && !OfferIndex.makeable(offer, channel, now))) {
        continue;
      }
      OfferKpi kpi = kpi(offer);
      if (lookups.budgetAllows(offer, kpi)) {
        pool.add(candidate);
        offers.put(offer.getOfferId(), offer);
        kpis.put(offer.getOfferId(), kpi);
        if (pool.size() == settings.relevance().decisionPool()) {
          break;
        }
      }
    }
    Function<Candidate, BetaPosterior> posteriors =
        c -> posterior(state, offers.get(c.offerId()), kpis.get(c.offerId()));
    List<Ranked> ranked = ranker.rank(pool, posteriors, seed, 1);
    return ranked.isEmpty() ? null
        : new Option(offers.get(ranked.get(0).candidate().offerId()), ranked.get(0), false);
  }

  /** Most relevant first; ties keep the order found, so a replay ranks the same. */
  private static List<Candidate> byRelevance(List<Candidate> found) {
    List<Candidate> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparingDouble(Candidate::relevance).reversed());
    return sorted;
  }

  private BetaPosterior posterior(CustomerOfferState state, OfferCatalogEntry offer, OfferKpi kpi) {
    long successes = kpi.getTreatment().getRedeemed() + kpi.getTreatment().getConverted();
    BetaPosterior offerRecord = BetaPosterior.prior(settings.priorRate(), settings.priorStrength())
        .observe(successes, kpi.getTreatment().getIgnored());
    // The offer's record sets the centre and, as evidence grows, the confidence: a new offer is explored widely, a
    // proven one less. The weight is capped so that a customer's own answers still move their belief.
    double weight = Math.min(offerRecord.alpha() + offerRecord.beta(), MAX_PRIOR_WEIGHT);
    BetaPosterior prior = BetaPosterior.prior(offerRecord.mean(), weight);
    return ClassResponses.posterior(state, offerClass(offer), prior);
  }

  private OfferKpi kpi(OfferCatalogEntry offer) {
    OfferKpi kpi = lookups.kpi(offer.getOfferId());
    return kpi != null ? kpi : OfferLedger.empty(offer.getOfferId(), Instant.EPOCH);
  }

  private static List<String> reasons(Ranked ranked) {
    List<String> reasons = new ArrayList<>(ranked.candidate().reasons());
    if (ranked.explored()) {
      reasons.add("explore");
    }
    if (ranked.diversified()) {
      reasons.add("diversity:outside-top-categories");
    }
    return reasons;
  }
}
