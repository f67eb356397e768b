package io.persona.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {
  private final Map<String, NewTopic> plan = TopicProvisioner.plan(
          ConfigLoader.load(Map.of("PERSONA_TOPICS_PARTITIONS", "4", "PERSONA_TOPICS_REPLICATION_FACTOR", "1"), null))
      .stream().collect(Collectors.toMap(NewTopic::name, Function.identity()));

  @Test
  void shouldPlanEveryTopicIncludingTheDeadLetters() {
    assertThat(plan.keySet()).containsExactlyInAnyOrderElementsOf(
        List.of("clickstream", "pos-transactions", "offer-catalog", "consent-changes", "erasure-requests",
            "personalized-offers", "offer-outcomes", "customer-profiles", "offer-kpis", "product-similarity", "erasure-receipts", "ad-offers",
            "dead-letter"));
  }

  @Test
  void shouldGiveEveryCustomerKeyedTopicTheConfiguredPartitionCount() {
    List.of("clickstream", "pos-transactions", "consent-changes", "erasure-requests", "personalized-offers",
            "offer-outcomes", "customer-profiles")
        .forEach(name -> assertThat(plan.get(name).numPartitions()).as(name).isEqualTo(4));
    assertThat(plan.get("offer-catalog").numPartitions()).isEqualTo(3);
  }

  @Test
  void shouldCompactCatalogConsentAndProfiles() {
    List.of("offer-catalog", "consent-changes", "customer-profiles")
        .forEach(name -> assertThat(plan.get(name).configs()).as(name).containsEntry("cleanup.policy", "compact"));
  }

  @Test
  void shouldAgeDeletableTopicsByArrivalSoThatReplayedOldEventsSurvive() {
    List<NewTopic> deletable = plan.values().stream()
        .filter(topic -> "delete".equals(topic.configs().get("cleanup.policy"))).toList();

    assertThat(deletable).extracting(NewTopic::name).contains("clickstream", "pos-transactions", "dead-letter");
    deletable.forEach(topic -> assertThat(topic.configs()).as(topic.name())
        .containsEntry("message.timestamp.type", "LogAppendTime"));
  }
}
