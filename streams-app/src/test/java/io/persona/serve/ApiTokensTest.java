package io.persona.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.config.ConfigException;
import io.persona.config.ConfigLoader;
import io.persona.serve.ApiTokens.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {
  private final ApiTokens tokens = new ApiTokens(List.of("full-1", "full-2"), List.of("offers-1"));

  @Test
  void shouldLetAFullTokenReadProfilesAndAnOffersTokenOnlyOffers() {
    assertThat(tokens.check("Bearer full-2", true)).isEqualTo(Verdict.ALLOWED);
    assertThat(tokens.check("bearer offers-1", false)).isEqualTo(Verdict.ALLOWED);
    assertThat(tokens.check("Bearer offers-1", true)).isEqualTo(Verdict.FORBIDDEN);
  }

  @Test
  void shouldRefuseAMissingWrongOrNonBearerCredential() {
    assertThat(tokens.check(null, false)).isEqualTo(Verdict.UNAUTHENTICATED);
    assertThat(tokens.check("Bearer full-3", false)).isEqualTo(Verdict.UNAUTHENTICATED);
    assertThat(tokens.check("Bearer full-", false)).isEqualTo(Verdict.UNAUTHENTICATED);
    assertThat(tokens.check("Basic ZnVsbC0xOg==", false)).isEqualTo(Verdict.UNAUTHENTICATED);
  }

  @Test
  void shouldBeOpenOnlyWhenNoTokenIsConfigured() {
    assertThat(ApiTokens.NONE.check(null, true)).isEqualTo(Verdict.ALLOWED);
    assertThat(tokens.toString()).doesNotContain("full-1").doesNotContain("offers-1");
  }

  @Test
  void shouldReadTokensFromConfigTheEnvironmentAndAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("tokens");
    Files.writeString(file, "# the email service\nfrom-file\n\n");

    ApiTokens loaded = ConfigLoader.load(Map.of("PERSONA_SERVER_AUTH_TOKENS", "from-env, other",
        "PERSONA_SERVER_AUTH_TOKENS_FILE", file.toString(), "PERSONA_SERVER_AUTH_OFFER_TOKENS", "offers"), null)
        .apiTokens();

    assertThat(loaded.full()).containsExactly("from-env", "other", "from-file");
    assertThat(loaded.offersOnly()).containsExactly("offers");
  }

  @Test
  void shouldRequireAnAdvertisedHostWhenBoundToEveryInterface() {
    Assertions.assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_SERVER_HOST", "0.0.0.0"), null))
        .isInstanceOf(ConfigException.class).hasMessageContaining("set server.advertised.host");
    assertThat(ConfigLoader.load(Map.of("PERSONA_SERVER_HOST", "0.0.0.0", "PERSONA_SERVER_ADVERTISED_HOST",
        "persona-1.internal"), null).advertisedHost()).isEqualTo("persona-1.internal");
  }
}
