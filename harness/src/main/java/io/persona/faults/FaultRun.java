package io.persona.faults;

import io.persona.avro.OfferCatalogEntry;
import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import io.persona.config.StreamsProperties;
import io.persona.faults.FaultWorkload.Input;
import io.persona.topology.TopicProvisioner;
import io.persona.topology.Topics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One fault run: the workload published at a steady rate into a broker of its own while app instances, each its own
 * process, are killed with SIGKILL at random and started again (and, if asked, the broker is killed, restarted and
 * frozen); then everything is stopped and checked against the oracle. Optionally, one instance then loses its state
 * directory and must restore the same profiles from the changelogs.
 */
public final class FaultRun {
  /** What to run; times in seconds. */
  public record Plan(String bootstrap, Path jar, Path workDir, String guarantee, int events, int customers,
      int pills, double rate, int instances, double killMinSeconds, double killMaxSeconds,
      double restartMinSeconds, double restartMaxSeconds, int brokerKills, int brokerPauseSeconds,
      Path brokerScript, Path brokerDir, boolean stateLoss, long seed) {}

  /** What happened, next to what was checked. */
  /** @param kills instance kills, every one while input remained (kills stop when the input is published) */
  public record Outcome(Plan plan, Verifier.Result result, int kills, int selfExits,
      List<Double> brokerRecoverySeconds, double runSeconds, Double restoreSeconds, Boolean restoredEqual,
      int profilesHashed) {}

  private static final int FIRST_PORT = 18_480;
  static final long POLL_MS = 250;

  private final Plan plan;
  private final PrintStream out;

  public FaultRun(Plan plan, PrintStream out) {
    this.plan = plan;
    this.out = out;
  }

  public Outcome run() throws Exception {
    Files.createDirectories(plan.workDir());
    Map<String, String> env = appEnvironment();
    PersonaConfig config = ConfigLoader.load(env, null);
    String groupId = config.applicationId();
    String learningGroupId = StreamsProperties.learningApplicationId(config);
    TopicProvisioner.ensure(config);

    FaultWorkload workload = new FaultWorkload(plan.seed(), plan.events(), plan.customers(), plan.pills());
    List<Input> inputs = workload.inputs();
    Oracle oracle = Oracle.of(inputs, config.profile());
    publishCatalog(workload.catalog());
    out.printf("workload: %,d events (%,d baskets, so %,d offers expected) and %,d malformed records, %,d customers;"
            + " %s, %d instances%n", plan.events(), oracle.offerEventIds().size(), oracle.offerEventIds().size(),
        oracle.pills().size(), oracle.profiles().size(), plan.guarantee(), plan.instances());

    List<AppInstance> instances = new ArrayList<>();
    for (int i = 0; i < plan.instances(); i++) {
      instances.add(new AppInstance("instance-" + (char) ('a' + i), plan.jar(), plan.workDir(), FIRST_PORT + i, env));
    }
    for (AppInstance instance : instances) {
      instance.start();
    }
    awaitReady(instances, 120);

    Publisher publisher = new Publisher(plan.bootstrap(), inputs, plan.rate());
    Thread publishing = new Thread(publisher, "fault-publisher");
    long started = System.nanoTime();
    publishing.start();
    Chaos chaos = new Chaos(plan, instances, publisher, groupId, new SplittableRandom(plan.seed() ^ 0x5DEECE66DL),
        out);
    chaos.untilCaughtUp(inputs.size());
    double runSeconds = (System.nanoTime() - started) / 1e9;
    publishing.join();
    if (publisher.failure() != null) {
      throw new IllegalStateException("the publisher failed, so the input is not what the oracle expects",
          publisher.failure());
    }
    awaitReady(instances, 120);
    awaitSettled(groupId);
    awaitSettled(learningGroupId);

    Map<String, String> profilesBefore = plan.stateLoss() ? profiles(instances.get(0), oracle) : Map.of();
    for (AppInstance instance : instances) {
      instance.stop();
    }
    awaitGroupEmpty(groupId);
    awaitGroupEmpty(learningGroupId);
    Verifier.Result result = new Verifier(plan.bootstrap(), groupId).verify(oracle, publisher.pills());

    Double restoreSeconds = null;
    Boolean restoredEqual = null;
    if (plan.stateLoss()) {
      AppInstance lost = instances.get(0);
      lost.deleteState();
      long restoreStart = System.nanoTime();
      lost.start();
      awaitReady(List.of(lost), 300);
      double readySeconds = (System.nanoTime() - restoreStart) / 1e9;
      // A store still restoring answers 503, and profiles() asks again: the last answer ends the restore.
      Map<String, String> profilesAfter = profiles(lost, oracle);
      restoreSeconds = (System.nanoTime() - restoreStart) / 1e9;
      restoredEqual = hash(profilesBefore).equals(hash(profilesAfter))
          && profilesBefore.size() == oracle.profiles().size();
      out.printf("state loss: %s, its state directory deleted, RUNNING after %.1f s, every one of %,d profiles"
              + " answered after %.1f s (process start included); hash before %s, after %s%n", lost.name(),
          readySeconds, profilesAfter.size(), restoreSeconds, hash(profilesBefore).substring(0, 16),
          hash(profilesAfter).substring(0, 16));
      lost.stop();
    }
    return new Outcome(plan, result, chaos.kills(), chaos.selfExits(), chaos.brokerRecoverySeconds(), runSeconds,
        restoreSeconds, restoredEqual, profilesBefore.size());
  }

  /** The app's settings for this run: only the post-purchase trigger, no caps, no holdout, consent granted. */
  private Map<String, String> appEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("PERSONA_BOOTSTRAP_SERVERS", plan.bootstrap());
    env.put("PERSONA_APPLICATION_ID", "persona-faults");
    env.put("PERSONA_PROCESSING_GUARANTEE", plan.guarantee());
    env.put("PERSONA_TOPICS_PARTITIONS", "4");
    // Every basket decides exactly one offer: the one trigger whose count the oracle knows from the input alone.
    env.put("PERSONA_OFFERS_TRIGGER_CART_ABANDONMENT_CHANNEL", "off");
    env.put("PERSONA_OFFERS_TRIGGER_INTEREST_SPIKE_CHANNEL", "off");
    env.put("PERSONA_OFFERS_TRIGGER_DIGEST_CHANNEL", "off");
    env.put("PERSONA_OFFERS_CAP_POS", "");
    env.put("PERSONA_OFFERS_COOLDOWN_MS", "0");
    env.put("PERSONA_OFFERS_HOLDOUT_PERCENT", "0");
    env.put("PERSONA_CONSENT_DEFAULT_POS", "grant");
    // A killed instance leaves the group within 6 s instead of 45, so its tasks move on while it restarts.
    env.put("PERSONA_KAFKA_SESSION_TIMEOUT_MS", "6000");
    env.put("PERSONA_KAFKA_HEARTBEAT_INTERVAL_MS", "1500");
    return env;
  }

  private void publishCatalog(List<OfferCatalogEntry> offers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, plan.bootstrap());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (OfferCatalogEntry offer : offers) {
        producer.send(new ProducerRecord<>(Topics.OFFER_CATALOG.name(), offer.getOfferId(),
            Topics.OFFER_CATALOG.valueSerde().encode(offer)));
      }
    }
  }

  private void awaitReady(List<AppInstance> instances, int timeoutSeconds) throws Exception {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (!instances.stream().allMatch(AppInstance::ready)) {
      for (AppInstance instance : instances) {
        if (!instance.alive()) {
          throw new IllegalStateException(instance.name() + " exited (code " + instance.exitCode() + "); see "
              + instance.log());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("instances not RUNNING within " + timeoutSeconds + " s");
      }
      Thread.sleep(POLL_MS);
    }
  }

  /** Until the group has committed every partition it reads to its end (one commit marker of slack), twice in a row. */
  private void awaitSettled(String groupId) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", plan.bootstrap()))) {
      Verifier verifier = new Verifier(plan.bootstrap(), groupId);
      int settled = 0;
      long deadline = System.nanoTime() + 180_000_000_000L;
      while (settled < 2) {
        settled = verifier.unsettled(admin, plan.guarantee().startsWith("exactly_once")) == 0 ? settled + 1 : 0;
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the group did not commit every partition within 180 s");
        }
        Thread.sleep(1_000);
      }
    }
  }

  private void awaitGroupEmpty(String groupId) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", plan.bootstrap()))) {
      Verifier verifier = new Verifier(plan.bootstrap(), groupId);
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!List.of("EMPTY", "DEAD").contains(verifier.groupState(admin)) && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
    }
  }

  /** Every customer's profile as the API answers it, by customer id; a customer it does not know is left out. */
  private static Map<String, String> profiles(AppInstance instance, Oracle oracle) throws Exception {
    Map<String, String> profiles = new HashMap<>();
    for (String customer : new TreeSet<>(oracle.profiles().keySet())) {
      AppInstance.Answer answer = instance.get("/customers/" + customer + "/profile");
      for (int attempt = 0; answer.status() != 200 && answer.status() != 404 && attempt < 600; attempt++) {
        Thread.sleep(100); // restoring or rebalancing: 503, ask again
        answer = instance.get("/customers/" + customer + "/profile");
      }
      if (answer.status() == 200) {
        profiles.put(customer, answer.body());
      }
    }
    return profiles;
  }

  static String hash(Map<String, String> profiles) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (String customer : new TreeSet<>(profiles.keySet())) {
      digest.update(customer.getBytes(StandardCharsets.UTF_8));
      digest.update(profiles.get(customer).getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
