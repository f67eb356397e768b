package io.persona.cli;

import io.persona.config.ConfigLoader;
import io.persona.config.KafkaClients;
import io.persona.config.PersonaConfig;
import io.persona.config.StreamsProperties;
import io.persona.topology.LearningTopology;
import io.persona.topology.PersonaTopology;
import io.persona.topology.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.tools.StreamsResetter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Rebuilds the app's state from the log, after a change to the model: Kafka's own {@link StreamsResetter} sets both
 * applications' consumer groups (the engine's and the learning app's) back to the start of their input topics and
 * deletes their internal topics; then the local state directories go. Every instance must be stopped first.
 */
@Command(name = "reset", description = "Reset the app and its learning app to reprocess every input from the start "
    + "(Kafka's StreamsResetter: offsets to the earliest, internal topics deleted) and delete the local state. Stop "
    + "every instance first; the next 'persona run' rebuilds all profiles.")
public final class ResetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", description = "Properties file (as for 'persona run').")
  Path configFile;

  @Option(names = "--dry-run", description = "Show what would be reset and deleted, change nothing.")
  boolean dryRun;

  @Option(names = "--force", description = "Remove members the consumer groups still list (a stopped instance stays "
      + "a member until its session times out); never while an instance runs.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    PersonaConfig config = ConfigLoader.load(System.getenv(), configFile);
    PrintWriter out = spec.commandLine().getOut();
    Path clientConfig = clientConfigFile(config);
    try {
      // The learning app first: it reads the engine's profile changelog, which the engine's reset deletes.
      String learning = StreamsProperties.learningApplicationId(config);
      List<String> learningInputs = new ArrayList<>(inputTopics(LearningTopology.build(config), learning));
      learningInputs.remove(config.topics().of(Topics.OFFER_OUTCOMES));
      reset(learning, learningInputs, "--to-earliest", config, clientConfig, out);
      // The rebuilt engine sends every decision's outcomes again (same ids): counted from here on, KPIs come out as
      // they were instead of twice.
      reset(learning, List.of(config.topics().of(Topics.OFFER_OUTCOMES)), "--to-latest", config, clientConfig, out);
      reset(config.applicationId(), inputTopics(PersonaTopology.build(config), config.applicationId()),
          "--to-earliest", config, clientConfig, out);
    } finally {
      Files.deleteIfExists(clientConfig);
    }
    for (String applicationId : List.of(config.applicationId(), StreamsProperties.learningApplicationId(config))) {
      Path state = config.stateDir().resolve(applicationId);
      if (Files.exists(state)) {
        out.printf("%s local state %s%n", dryRun ? "would delete" : "deleting", state);
        if (!dryRun) {
          deleteRecursively(state);
        }
      }
    }
    out.println(dryRun ? "dry run: nothing changed" : "reset done: the next 'persona run' rebuilds every profile");
    out.flush();
    return 0;
  }

  private void reset(String applicationId, List<String> inputs, String to, PersonaConfig config, Path clientConfig,
      PrintWriter out) {
    List<String> args = new ArrayList<>(List.of("--bootstrap-server", config.bootstrapServers(),
        "--application-id", applicationId, "--input-topics", String.join(",", inputs),
        to, "--command-config", clientConfig.toString()));
    if (dryRun) {
      args.add("--dry-run");
    }
    if (force) {
      args.add("--force");
    }
    out.printf("resetting %s (inputs %s: %s)%n", applicationId, to.substring(2), String.join(", ", inputs));
    out.flush();
    int exit = new StreamsResetter().execute(args.toArray(String[]::new));
    if (exit != 0) {
      throw new CliException("Kafka's StreamsResetter failed for " + applicationId + " (exit " + exit + "; see above). "
          + "Stop every instance first; a stopped one stays in its group until its session times out (45 s): wait, "
          + "or add --force. The principal needs the ACLs 'persona acls' lists");
    }
  }

  /**
   * The topology's source topics, its own internal topics (repartitions, named without the application id in a
   * description) excepted: the resetter finds and deletes those.
   */
  static List<String> inputTopics(Topology topology, String applicationId) {
    TreeSet<String> topics = new TreeSet<>();
    for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : subtopology.nodes()) {
        if (node instanceof TopologyDescription.Source source) {
          source.topicSet().stream()
              .filter(t -> !t.startsWith(applicationId + "-") && !t.endsWith("-repartition"))
              .forEach(topics::add);
        }
      }
    }
    return List.copyOf(topics);
  }

  /** The connection's settings (security included) in a file only this user can read, deleted afterwards. */
  private static Path clientConfigFile(PersonaConfig config) throws IOException {
    Path file = Files.createTempFile("persona-reset", ".properties",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Properties properties = new Properties();
    for (Map.Entry<String, Object> setting : KafkaClients.admin(config).entrySet()) {
      if (!setting.getKey().equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
        properties.setProperty(setting.getKey(), String.valueOf(setting.getValue()));
      }
    }
    try (Writer writer = Files.newBufferedWriter(file)) {
      properties.store(writer, "temporary: persona reset");
    }
    return file;
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
