package io.persona.decide;

import io.persona.avro.ClassResponse;
import io.persona.avro.CustomerOfferState;
import io.persona.learn.BetaPosterior;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a customer answered each offer class (kind and target, {@link Decider#offerClass}): their successes and
 * failures, kept for the classes answered most recently, and the belief they give on top of a prior. Pure.
 */
final class ClassResponses {
  private ClassResponses() {}

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

  /** Counts one answer for the class, forgetting the least recently answered class beyond the bound. */
  static void learn(CustomerOfferState state, String offerClass, boolean success, Instant at) {
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
