package io.persona.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.topology.LearningTopology;
import io.persona.topology.PersonaTopology;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResetCommandTest {
  private final PersonaConfig config = ConfigLoader.load(Map.of("PERSONA_APPLICATION_ID", "persona"), null);

  @Test
  void shouldResetTheEnginesInputTopicsAndLeaveItsRepartitionsToTheResetter() {
    assertThat(ResetCommand.inputTopics(PersonaTopology.build(config), "persona"))
        .containsExactly("clickstream", "consent-changes", "erasure-requests", "pos-transactions");
  }

  @Test
  void shouldResetTheLearningAppToTheEnginesProfileChangelogItReads() {
    assertThat(ResetCommand.inputTopics(LearningTopology.build(config), "persona-learning"))
        .containsExactly("offer-outcomes", "persona-customer-profile-store-changelog", "pos-transactions");
  }
}
