package io.persona.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.testkit.LocalKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class TopicProvisionerIT {
  @Test
  void shouldCreateMissingTopicsOnceAndBringAnOutdatedTopicConfigUpToDate() throws Exception {
    try (LocalKafka kafka = LocalKafka.start();
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("clickstream", 3, (short) 1)
          .configs(Map.of("message.timestamp.type", "CreateTime")))).all().get();
      PersonaConfig config = ConfigLoader.load(Map.of("PERSONA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()), null);

      List<String> created = TopicProvisioner.ensure(config);

      assertThat(created).hasSize(12).doesNotContain("clickstream").contains("offer-kpis", "product-similarity", "erasure-receipts", "ad-offers");
      ConfigResource clickstream = new ConfigResource(ConfigResource.Type.TOPIC, "clickstream");
      // The controller has accepted the change; the broker applies it from the metadata log moments later.
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(admin.describeConfigs(List.of(clickstream)).all().get().get(clickstream)
              .get("message.timestamp.type").value()).isEqualTo("LogAppendTime"));
      assertThat(TopicProvisioner.ensure(config)).isEmpty();
    }
  }
}
