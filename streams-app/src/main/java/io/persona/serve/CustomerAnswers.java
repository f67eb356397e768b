package io.persona.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.persona.avro.Channel;
import io.persona.avro.ConsentState;
import io.persona.avro.CustomerProfile;
import io.persona.decide.Decider.Option;
import io.persona.http.HttpReply;
import io.persona.privacy.Consents;
import io.persona.serde.JsonAvro;
import io.persona.serve.OfferQueries.NotHostedHereException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * A customer's profile, consent or offers, as JSON, from this instance's own stores: the caller has made sure that
 * this instance owns the customer. 404 for a customer never seen (profile only), 503 with Retry-After while the
 * customer's partition is restoring here.
 */
final class CustomerAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OfferQueries queries;
  private final Consents consents;

  CustomerAnswers(OfferQueries queries, Consents consents) {
    this.queries = queries;
    this.consents = consents;
  }

  HttpReply answer(String customerId, CustomerRequest request) {
    try {
      return switch (request.asked()) {
        case PROFILE -> profile(customerId);
        case CONSENT -> consent(customerId);
        case OFFERS -> offers(customerId, request);
      };
    } catch (NotHostedHereException e) {
      return HttpReply.error(503, "the customer's state is restoring").retryAfter(1);
    }
  }

  private HttpReply profile(String customerId) {
    CustomerProfile profile = queries.profile(customerId);
    return profile == null ? HttpReply.error(404, "unknown customer") : HttpReply.json(200, JsonAvro.toJson(profile));
  }

  /** Whether each channel may be used now (in the latest event time processed), and the recorded changes. */
  private HttpReply consent(String customerId) {
    ConsentState state = queries.consent(customerId);
    Instant now = queries.asOf(customerId);
    ObjectNode body = JSON.createObjectNode().put("customerId", customerId).put("asOf", now.toString());
    ObjectNode allowed = body.putObject("allowed");
    for (Channel channel : Channel.values()) {
      if (channel != Channel.UNKNOWN) {
        allowed.put(channel.name(), consents.allows(state, channel, now));
      }
    }
    try {
      body.set("changes", state == null ? JSON.createArrayNode()
          : JSON.readTree(JsonAvro.toJson(state)).path("changes"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HttpReply.json(200, body);
  }

  private HttpReply offers(String customerId, CustomerRequest request) {
    List<Option> top = request.discover() ? queries.discoveries(customerId, request.channel(), request.k())
        : queries.topOffers(customerId, request.channel(), request.k());
    ArrayNode offers = JSON.createArrayNode();
    for (Option option : top) {
      ObjectNode node = offers.addObject()
          .put("offerId", option.offer().getOfferId())
          .put("name", option.offer().getName())
          .put("score", option.ranked().score())
          .put("heldBack", option.heldBack());
      putIfSet(node, "targetProductId", option.offer().getTargetProductId());
      putIfSet(node, "targetCategory", option.offer().getTargetCategory());
      putIfSet(node, "targetBrand", option.offer().getTargetBrand());
      option.ranked().candidate().reasons().forEach(node.putArray("reasonCodes")::add);
    }
    ObjectNode body = JSON.createObjectNode().put("customerId", customerId)
        .put("channel", request.channel().name()).put("list", request.discover() ? "discover" : "top")
        .put("k", request.k());
    body.set("offers", offers);
    return HttpReply.json(200, body);
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
