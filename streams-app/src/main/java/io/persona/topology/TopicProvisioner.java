package io.persona.topology;

import io.persona.config.ConfigException;
import io.persona.config.KafkaClients;
import io.persona.config.PersonaConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the product's topics idempotently, brings the declared configs of existing ones up to date, and checks
 * that customer-keyed topics are co-partitioned. A topic named explicitly
 * ({@code topics.name.<topic>}) that exists is left as it is: it may belong to another team. Topics are
 * never auto-created by the broker: a typo must fail, not create a one-partition topic.
 */
public final class TopicProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final long TIMEOUT_SECONDS = 30;

  private TopicProvisioner() {}

  /** The topics this configuration calls for. */
  public static List<NewTopic> plan(PersonaConfig config) {
    TopicNames names = config.topics();
    List<NewTopic> topics = new ArrayList<>();
    for (Topic<?> topic : Topics.EVENT_TOPICS) {
      topics.add(newTopic(names.of(topic), topic.layout(), config));
    }
    topics.add(newTopic(names.deadLetter(), Topics.DEAD_LETTER_LAYOUT, config));
    return topics;
  }

  /** Creates what is missing (when allowed) and verifies partition counts; returns the names it created. */
  public static List<String> ensure(PersonaConfig config) {
    Map<String, Object> settings = KafkaClients.admin(config);
    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
    try (Admin admin = Admin.create(settings)) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> planned = plan(config);
      List<NewTopic> missing = planned.stream().filter(t -> !existing.contains(t.name())).toList();
      if (!missing.isEmpty() && !config.createTopics()) {
        throw new ConfigException("topics missing: " + missing.stream().map(NewTopic::name).toList()
            + "; create them or set topics.create=true");
      }
      List<String> created = create(admin, missing);
      Set<String> explicit = TopicNames.roles().stream().filter(config.topics()::isExplicit)
          .map(config.topics()::of).collect(Collectors.toSet());
      converge(admin, planned.stream()
          .filter(t -> existing.contains(t.name()) && !explicit.contains(t.name())).toList());
      verifyPartitions(admin, config);
      return created;
    } catch (MissingAcl e) {
      throw new ConfigException("Kafka at bootstrap.servers=" + config.bootstrapServers() + " refused Persona's "
          + "principal: it lacks " + e.getMessage() + " (" + e.getCause().getMessage() + "). The ACLs it needs: "
          + "README, Security, or 'persona acls'");
    } catch (TimeoutException e) {
      throw unreachable(config);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(config);
      }
      throw refused(config, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while provisioning topics", e);
    }
  }

  /** A step the cluster refused for lack of an ACL, naming the operation and resource that are missing. */
  private static final class MissingAcl extends RuntimeException {
    MissingAcl(String needed, Throwable cause) {
      super(needed, cause);
    }
  }

  private static List<String> names(List<NewTopic> topics) {
    return topics.stream().map(NewTopic::name).toList();
  }

  /** Why the cluster said no, with what to fix: credentials, a missing ACL, or anything else it reported. */
  static ConfigException refused(PersonaConfig config, Throwable cause) {
    String where = "Kafka at bootstrap.servers=" + config.bootstrapServers();
    if (cause instanceof AuthenticationException) {
      return new ConfigException(where + " did not accept Persona's credentials ("
          + config.kafkaOverrides().getOrDefault("security.protocol", "PLAINTEXT") + ", "
          + config.kafkaOverrides().getOrDefault("sasl.mechanism", "no SASL mechanism") + "): " + cause.getMessage()
          + ". Check kafka.sasl.jaas.config (user and password) and kafka.sasl.mechanism");
    }
    if (cause instanceof AuthorizationException) {
      return new ConfigException(where + " refused an operation for lack of an ACL: " + cause.getMessage()
          + ". The ACLs Persona's principal needs: README, Security, or 'persona acls'");
    }
    return new ConfigException(where + " refused to set up the topics: " + cause.getMessage());
  }

  private static ConfigException unreachable(PersonaConfig config) {
    return new ConfigException("cannot reach Kafka at bootstrap.servers=" + config.bootstrapServers() + " within "
        + TIMEOUT_SECONDS + " s. Is the broker running? Try: scripts/kafka-local.sh start");
  }

  private static List<String> create(Admin admin, List<NewTopic> missing)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<String> created = new ArrayList<>();
    for (var entry : admin.createTopics(missing).values().entrySet()) {
      try {
        entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        created.add(entry.getKey());
        LOG.info("created topic {}", entry.getKey());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof AuthorizationException) {
          throw new MissingAcl("CREATE on topic " + entry.getKey(), e.getCause());
        }
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    return created;
  }

  /** Brings the declared configs (cleanup, retention, timestamp type) of topics that already exist up to date. */
  private static void converge(Admin admin, List<NewTopic> existing)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<ConfigResource> resources = existing.stream()
        .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
    Map<ConfigResource, Config> actual;
    try {
      actual = admin.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthorizationException) {
        throw new MissingAcl("DESCRIBE_CONFIGS on topics " + names(existing), e.getCause());
      }
      throw e;
    }
    Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
    for (NewTopic topic : existing) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
      topic.configs().forEach((key, value) -> {
        ConfigEntry entry = actual.get(resource).get(key);
        if (entry == null || !value.equals(entry.value())) {
          changes.computeIfAbsent(resource, r -> new ArrayList<>())
              .add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
          LOG.info("updating topic {}: {}={}", topic.name(), key, value);
        }
      });
    }
    if (!changes.isEmpty()) {
      try {
        admin.incrementalAlterConfigs(changes).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof AuthorizationException) {
          throw new MissingAcl("ALTER_CONFIGS on topics "
              + changes.keySet().stream().map(ConfigResource::name).toList(), e.getCause());
        }
        throw e;
      }
    }
  }

  private static void verifyPartitions(Admin admin, PersonaConfig config)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<String> coPartitioned = Topics.EVENT_TOPICS.stream()
        .filter(t -> t.layout().coPartitioned()).map(config.topics()::of).toList();
    Map<String, TopicDescription> descriptions = describeOnceKnown(admin, coPartitioned);
    for (TopicDescription description : descriptions.values()) {
      int actual = description.partitions().size();
      if (actual != config.topicPartitions()) {
        throw new ConfigException("topic " + description.name() + " has " + actual + " partitions but topics.partitions="
            + config.topicPartitions() + ": customer-keyed topics must be co-partitioned. Set topics.partitions="
            + actual + " or recreate the topics.");
      }
    }
  }

  /** Topics just created can take a moment to reach the broker's metadata: asked too early, it says it has none. */
  private static Map<String, TopicDescription> describeOnceKnown(Admin admin, List<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      try {
        return admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof AuthorizationException) {
          throw new MissingAcl("DESCRIBE on topics " + names, e.getCause());
        }
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /** A compacted topic also gets the bounds on how long an erased (tombstoned) value physically survives. */
  private static NewTopic newTopic(String name, TopicLayout layout, PersonaConfig config) {
    Map<String, String> configs = new HashMap<>(layout.configs());
    if ("compact".equals(layout.cleanupPolicy())) {
      configs.putAll(config.privacy().changelogConfigs());
    }
    return new NewTopic(name, layout.partitions(config.topicPartitions()), config.replicationFactor())
        .configs(configs);
  }
}
