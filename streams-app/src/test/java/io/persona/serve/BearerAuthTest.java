package io.persona.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.http.HttpReply;
import java.util.List;
import org.junit.jupiter.api.Test;

class BearerAuthTest {
  private static final ApiTokens TOKENS = new ApiTokens(List.of("full-token"), List.of("offers-token"));

  @Test
  void shouldLetEveryRequestThroughWhenNoTokensAreSet() {
    assertThat(BearerAuth.refusal(ApiTokens.NONE, null, true, "no")).isEmpty();
  }

  @Test
  void shouldAnswer401WithABearerChallengeWithoutAValidToken() {
    HttpReply refusal = BearerAuth.refusal(TOKENS, "Bearer wrong", false, "no").orElseThrow();

    assertThat(refusal.status()).isEqualTo(401);
    assertThat(refusal.body()).isEqualTo(
        "{\"error\":\"a valid bearer token is required (Authorization: Bearer <token>)\"}");
    assertThat(refusal.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"persona\"");
  }

  @Test
  void shouldAnswer403WithTheCallersMessageWhenAnOffersOnlyTokenAsksForMore() {
    HttpReply refusal = BearerAuth.refusal(TOKENS, "Bearer offers-token", true, "offers only").orElseThrow();

    assertThat(refusal.status()).isEqualTo(403);
    assertThat(refusal.body()).isEqualTo("{\"error\":\"offers only\"}");
    assertThat(refusal.headers()).isEmpty();
  }

  @Test
  void shouldLetAnOffersOnlyTokenReadOffers() {
    assertThat(BearerAuth.refusal(TOKENS, "Bearer offers-token", false, "no")).isEmpty();
  }

  @Test
  void shouldChallengeOnlyA401() {
    assertThat(BearerAuth.challenged(HttpReply.error(401, "who?")).headers()).containsKey("WWW-Authenticate");
    assertThat(BearerAuth.challenged(HttpReply.error(503, "busy")).headers()).isEmpty();
  }
}
