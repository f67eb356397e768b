package io.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.persona.cli.CommandRun;
import io.persona.config.ConfigException;
import io.persona.config.ConfigLoader;
import io.persona.config.KafkaClients;
import io.persona.config.PersonaConfig;
import io.persona.serde.JsonAvro;
import io.persona.testkit.TestEvents;
import io.persona.topology.AclPlan;
import io.persona.topology.Topics;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app and its tools on a secured cluster, started by {@code scripts/kafka-local.sh start --secure}: SASL_SSL with
 * SCRAM-SHA-512, TLS with keystores the script generates, and the standard authorizer. Persona's principal holds
 * exactly the ACLs of {@link AclPlan} (the README's table).
 */
class SecuredKafkaIT {
  private static final Path REPO = Path.of(System.getProperty("persona.repo.dir", ".."));
  private static final Path SCRIPT = REPO.resolve("scripts/kafka-local.sh");
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir static Path dir;
  private static Map<String, String> scriptEnv;
  private static Path secure;

  @BeforeAll
  static void startSecuredBroker() throws Exception {
    scriptEnv = Map.of("KAFKA_LOCAL_DIR", dir.resolve("kafka").toString(),
        "KAFKA_PORT", Integer.toString(freePort()), "KAFKA_CONTROLLER_PORT", Integer.toString(freePort()));
    String started = script("start", "--secure");
    assertThat(started).contains("secured: SASL_SSL, SCRAM-SHA-512");
    secure = dir.resolve("kafka/secure");
  }

  @AfterAll
  static void stopBroker() throws Exception {
    script("stop");
  }

  @Test
  void shouldRefuseAWrongPasswordAtStartUpSayingWhatToCheck(@TempDir Path state) throws IOException {
    Path config = configFile("persona", "wrong-password-xyz", state, "persona-wrong");

    assertThatThrownBy(() -> PersonaApp.start(ConfigLoader.load(Map.of(), config)).close())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("did not accept Persona's credentials (SASL_SSL, SCRAM-SHA-512)")
        .hasMessageContaining("Check kafka.sasl.jaas.config")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-password-xyz"));
  }

  @Test
  void shouldNameTheAclAPrincipalLacks(@TempDir Path state) throws Exception {
    upsertUser("partial", "partial-secret");
    Path config = configFile("partial", "partial-secret", state, "persona-partial");
    PersonaConfig partial = ConfigLoader.load(Map.of(), config);
    List<AclBinding> allButOne = AclPlan.bindings(partial, "User:partial").stream()
        .filter(b -> !(b.pattern().resourceType() == ResourceType.TOPIC && b.pattern().name().equals("clickstream")
            && (b.entry().operation() == AclOperation.CREATE
                || b.entry().operation() == AclOperation.DESCRIBE_CONFIGS)))
        .toList();
    grant(allButOne);

    assertThatThrownBy(() -> PersonaApp.start(partial).close())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("refused Persona's principal: it lacks")
        .hasMessageContaining("clickstream")
        .hasMessageContaining("persona acls");
  }

  @Test
  void shouldStopNamingTheTransactionalIdAclWhenOnlyThatIsMissing(@TempDir Path state) throws Exception {
    upsertUser("no-transactions", "no-transactions-secret");
    Path config = configFile("no-transactions", "no-transactions-secret", state, "persona-no-tx");
    PersonaConfig app = ConfigLoader.load(Map.of(), config);
    grant(AclPlan.bindings(app, "User:no-transactions").stream()
        .filter(b -> b.pattern().resourceType() != ResourceType.TRANSACTIONAL_ID).toList());

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> { // ACLs reach the authorizer a moment later
      try (PersonaApp started = PersonaApp.start(app)) {
        await().atMost(PATIENCE).until(() -> started.failure().isPresent());
        assertThat(started.failure().get()).contains("WRITE on transactional-id prefixed persona-no-tx-")
            .contains("persona acls");
      }
    });
  }

  @Test
  void shouldProcessEventsEndToEndWithTheDocumentedAclsAndKeepOthersOut(@TempDir Path state) throws Exception {
    Path config = configFile("persona", password("persona"), state, "persona-secured");
    PersonaConfig persona = ConfigLoader.load(Map.of(), config);
    assertThat(persona.processingGuarantee()).isEqualTo("exactly_once_v2");
    grant(AclPlan.bindings(persona, "User:persona"));

    // ACLs reach the broker's authorizer through the metadata log: a moment after they are created
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      CommandRun created = CommandRun.of("create-topics", "--config", config.toString());
      assertThat(created.exitCode()).as(created.err()).isZero();
    });
    Path offers = state.resolve("offer.jsonl");
    Files.writeString(offers, JsonAvro.toJson(TestEvents.offer("o-rake", "p-rake", "garden")) + "\n");
    assertThat(CommandRun.of("produce", "--topic", "offer-catalog", "--file", offers.toString(),
        "--config", config.toString()).exitCode()).as("the CLI produces through SASL_SSL").isZero();
    try (PersonaApp app = PersonaApp.start(persona)) {
      await().atMost(PATIENCE).until(() -> app.state() == State.RUNNING);
      Path baskets = state.resolve("basket.jsonl");
      Files.writeString(baskets, JsonAvro.toJson(TestEvents.basket("t-1", "c-1", TestEvents.T0,
          TestEvents.line("p-rake", "garden", "acme", 1, 12))) + "\n");
      assertThat(CommandRun.of("produce", "--topic", "pos-transactions", "--file", baskets.toString(),
          "--config", config.toString()).exitCode()).isZero();

      String sent = await().atMost(PATIENCE).until(() -> CommandRun.of("consume", "--topic",
          Topics.PERSONALIZED_OFFERS.name(), "--config", config.toString()).out(), out -> out.contains("o-rake"));
      assertThat(sent).contains("\"customerId\":\"c-1\"");
      assertThat(app.queries().profile("c-1").getPurchaseCount()).isEqualTo(1);
    }

    upsertUser("intruder", "intruder-secret");
    Path intruder = configFile("intruder", "intruder-secret", state, "intruder");
    for (String topic : List.of(Topics.CUSTOMER_PROFILES.name(), Topics.PERSONALIZED_OFFERS.name())) {
      CommandRun read = CommandRun.of("consume", "--topic", topic, "--config", intruder.toString());
      assertThat(read.exitCode()).as("a principal without ACLs reads " + topic).isNotZero();
      assertThat(read.out()).isEmpty();
      assertThat(read.err()).containsIgnoringCase("not authorized");
    }
  }

  /** Persona's configuration file for {@code user}, from the one the script wrote for Persona's principal. */
  private static Path configFile(String user, String password, Path state, String applicationId)
      throws IOException {
    String base = Files.readString(secure.resolve("persona.config.properties"))
        .replace("username=\"persona\" password=\"" + password("persona") + "\"",
            "username=\"" + user + "\" password=\"" + password + "\"");
    Path file = state.resolve(user + ".properties");
    Files.writeString(file, base + "state.dir=" + state.resolve("state") + "\napplication.id=" + applicationId
        + "\nconsent.default.pos=grant\nserver.port=0\n");
    return file;
  }

  private static String password(String user) throws IOException {
    return Files.readString(secure.resolve(user + ".password")).trim();
  }

  private static Admin admin() {
    return Admin.create(KafkaClients.admin(ConfigLoader.load(Map.of(), secure.resolve("admin.config.properties"))));
  }

  private static void grant(List<AclBinding> bindings) throws Exception {
    try (Admin admin = admin()) {
      admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static void upsertUser(String user, String password) throws Exception {
    try (Admin admin = admin()) {
      admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static String script(String... args) throws IOException, InterruptedException {
    Path output = Files.createTempFile("kafka-local", ".out");
    List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(scriptEnv);
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
    String out = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
