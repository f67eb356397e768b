package io.persona.topology;

import static io.persona.testkit.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.testkit.TestEvents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription.Subtopology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** The topology's shape and its notion of time. */
class PersonaTopologyTest {
  @Test
  void shouldStampOutputWithTheEventTimeNotTheArrivalTime() {
    try (TopologyFixture app = new TopologyFixture()) {
      app.click(TestEvents.click("e-1", "anon-1", "c-1", T0), T0.plus(Duration.ofHours(5)));

      assertThat(app.published()).singleElement()
          .satisfies(record -> assertThat(record.timestamp()).isEqualTo(T0.toEpochMilli()));
    }
  }

  @Test
  void shouldKeepTheTopologyShapeAndNamesStable() throws IOException {
    // A change here renames state or internal topics: a migration, to be made on purpose.
    assertThat(PersonaTopology.build(ConfigLoader.load(Map.of(), null)).describe().toString())
        .isEqualTo(golden("golden-topology.txt"));
  }

  @Test
  void shouldKeepTheLearningTopologyShapeAndNamesStable() throws IOException {
    assertThat(LearningTopology.build(ConfigLoader.load(Map.of(), null)).describe().toString())
        .isEqualTo(golden("golden-learning-topology.txt"));
  }

  @Test
  void shouldSendAnOfferFromTheTaskThatReadsItsBasketOrCustomerKeyedClickAndOneRepartitionAfterADeviceKeyedClick() {
    TopologyDescription description = PersonaTopology.build(ConfigLoader.load(Map.of(), null)).describe();
    // A task runs one sub-topology and commits its reads and writes in one transaction.
    Subtopology customerTask = subtopologyReading(description, "pos-transactions");
    assertThat(sinkTopics(customerTask)).contains("personalized-offers", "ad-offers", "offer-outcomes");
    assertThat(subtopologyReading(description, "clickstream")).isSameAs(customerTask);
    // A device-keyed click goes through identity resolution and one repartition to the customer's task.
    assertThat(subtopologyReading(description, "profile-deltas-repartition")).isSameAs(customerTask);
    assertThat(subtopologyReading(description, "identity-logins-repartition")).isSameAs(customerTask);
  }

  @Test
  void shouldReadAndWriteOnlyTheConfiguredTopicNamesAndKeepTheProcessorNames() throws IOException {
    PersonaConfig shared = ConfigLoader.load(Map.of("PERSONA_TOPICS_PREFIX", "shop1.",
        "PERSONA_TOPICS_NAME_CLICKSTREAM", "web.tracker-events"), null);

    for (Topology topology : List.of(PersonaTopology.build(shared), LearningTopology.build(shared))) {
      assertThat(externalTopics(topology.describe())).isNotEmpty().allSatisfy(topic ->
          assertThat(topic).matches("shop1\\..*|web\\.tracker-events|persona-.*"));
    }
    String renamed = golden("golden-topology.txt");
    for (String role : TopicNames.roles()) {
      renamed = renamed.replaceAll("(topics: \\[|topic: )" + role + "([\\],)])", "$1" + shared.topics().of(role) + "$2");
    }
    assertThat(PersonaTopology.build(shared).describe().toString()).isEqualTo(renamed);
  }

  /** Source and sink topics (global stores' topics included), internal ones named as the app id prefixes them. */
  private static List<String> externalTopics(TopologyDescription description) {
    List<String> topics = new ArrayList<>();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source) {
          source.topicSet().forEach(t -> topics.add(t.endsWith("-repartition") ? "persona-" + t : t));
        } else if (node instanceof TopologyDescription.Sink sink) {
          topics.add(sink.topic().endsWith("-repartition") ? "persona-" + sink.topic() : sink.topic());
        }
      }
    }
    description.globalStores().forEach(store -> topics.addAll(store.source().topicSet()));
    return topics;
  }

  private static Subtopology subtopologyReading(TopologyDescription description, String topic) {
    return description.subtopologies().stream()
        .filter(sub -> sub.nodes().stream().anyMatch(node -> node instanceof TopologyDescription.Source source
            && source.topicSet().contains(topic)))
        .findFirst().orElseThrow();
  }

  private static List<String> sinkTopics(Subtopology subtopology) {
    return subtopology.nodes().stream().filter(node -> node instanceof TopologyDescription.Sink)
        .map(node -> ((TopologyDescription.Sink) node).topic()).sorted().toList();
  }

  private static String golden(String resource) throws IOException {
    try (InputStream in = PersonaTopologyTest.class.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
