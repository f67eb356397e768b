package io.persona.serve;

import io.persona.http.HttpReply;
import java.util.Optional;

/**
 * How the API and the marketing API refuse a request their bearer tokens do not allow: 401 with a challenge without a
 * valid token, 403 for an offers-only token asking for more than offers.
 */
public final class BearerAuth {
  private BearerAuth() {}

  /**
   * @param authorization the request's Authorization header, or null
   * @param beyondOffers whether the request asks for more than offers (offers-only tokens may not)
   * @param forbidden what the 403 says an offers-only token may not do
   * @return the refusal, or empty when the request may go on
   */
  public static Optional<HttpReply> refusal(ApiTokens tokens, String authorization, boolean beyondOffers,
      String forbidden) {
    return switch (tokens.check(authorization, beyondOffers)) {
      case UNAUTHENTICATED -> Optional.of(challenged(
          HttpReply.error(401, "a valid bearer token is required (Authorization: Bearer <token>)")));
      case FORBIDDEN -> Optional.of(HttpReply.error(403, forbidden));
      case ALLOWED -> Optional.empty();
    };
  }

  /** The reply, asking for a bearer token when it is a 401 (also one the owner of a forwarded request answered). */
  static HttpReply challenged(HttpReply reply) {
    return reply.status() == 401 ? reply.header("WWW-Authenticate", "Bearer realm=\"persona\"") : reply;
  }
}
