package io.persona.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.persona.config.ConfigException;
import io.persona.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PseudonymsTest {
  @Test
  void shouldGiveTheSameCustomerTheSamePseudonymAndAnotherSecretAnother() {
    Pseudonyms ours = new Pseudonyms("secret-1");

    assertThat(ours.of("c-1")).isEqualTo(new Pseudonyms("secret-1").of("c-1")).hasSize(64).doesNotContain("c-1");
    assertThat(ours.of("c-1")).isNotEqualTo(ours.of("c-2")).isNotEqualTo(new Pseudonyms("secret-2").of("c-1"));
    assertThat(ours.toString()).doesNotContain("secret-1");
  }

  @Test
  void shouldRefuseToStartWhenTheAdChannelIsUsedWithoutASecret() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_OFFERS_TRIGGER_INTEREST_SPIKE_CHANNEL", "ad"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("privacy.ad.pseudonym.key must be set (or PERSONA_PRIVACY_AD_PSEUDONYM_KEY)");
  }

  @Test
  void shouldNeverPrintTheSecretWithTheConfiguration() {
    var config = ConfigLoader.load(Map.of("PERSONA_OFFERS_TRIGGER_INTEREST_SPIKE_CHANNEL", "ad",
        "PERSONA_PRIVACY_AD_PSEUDONYM_KEY", "hush-hush-123"), null);

    assertThat(config.toString()).doesNotContain("hush-hush-123");
  }
}
