package io.persona.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.topology.AclPlan.Grant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AclPlanTest {
  private final PersonaConfig config = ConfigLoader.load(Map.of("PERSONA_APPLICATION_ID", "persona"), null);
  private final List<Grant> grants = AclPlan.grants(config);

  @Test
  void shouldGrantEveryTopicTheAppProvisionsByItsOwnName() {
    for (NewTopic topic : TopicProvisioner.plan(config)) {
      assertThat(grants).as(topic.name()).anySatisfy(grant -> {
        assertThat(grant.type()).isEqualTo(ResourceType.TOPIC);
        assertThat(grant.pattern()).isEqualTo(PatternType.LITERAL);
        assertThat(grant.name()).isEqualTo(topic.name());
        assertThat(grant.operations()).contains(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE);
      });
    }
  }

  @Test
  void shouldGrantATopicAnotherTeamOwnsEverythingButReconfiguringIt() {
    PersonaConfig shared = ConfigLoader.load(Map.of("PERSONA_APPLICATION_ID", "persona", "PERSONA_TOPICS_PREFIX",
        "shop1.", "PERSONA_TOPICS_NAME_CLICKSTREAM", "web.tracker-events"), null);

    assertThat(AclPlan.grants(shared)).filteredOn(grant -> grant.type() == ResourceType.TOPIC
            && grant.pattern() == PatternType.LITERAL).extracting(Grant::name)
        .contains("web.tracker-events", "shop1.personalized-offers", "shop1.dead-letter")
        .doesNotContain("clickstream", "personalized-offers");
    assertThat(AclPlan.grants(shared)).filteredOn(grant -> grant.name().equals("web.tracker-events")).singleElement()
        .satisfies(grant -> assertThat(grant.operations()).contains(AclOperation.READ)
            .doesNotContain(AclOperation.ALTER_CONFIGS));
  }

  @Test
  void shouldNeverGrantAPrefixThatReachesBeyondTheApplicationsOwnResources() {
    assertThat(grants).filteredOn(grant -> grant.pattern() == PatternType.PREFIXED)
        .allSatisfy(grant -> assertThat(grant.name()).isEqualTo("persona-"));
    assertThat(grants).filteredOn(grant -> grant.type() == ResourceType.GROUP).extracting(Grant::name)
        .containsExactly("persona", "persona-learning");
  }
}
