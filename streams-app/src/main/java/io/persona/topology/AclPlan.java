package io.persona.topology;

import io.persona.config.PersonaConfig;
import io.persona.config.StreamsProperties;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs Persona's principal needs on a cluster with an authorizer, and no more: its own topics by name; its
 * internal topics (changelogs, repartitions) and transactional ids by the {@code <application.id>-} prefix, and its two
 * consumer groups by name ({@code <application.id>} and {@code <application.id>-learning}), as Kafka Streams' security
 * guide describes. The README's ACL table is this list ({@code persona acls} prints it).
 */
public final class AclPlan {
  /** One resource and what the principal may do with it. */
  public record Grant(ResourceType type, PatternType pattern, String name, List<AclOperation> operations,
      String why) {}

  private AclPlan() {}

  public static List<Grant> grants(PersonaConfig config) {
    List<Grant> grants = new ArrayList<>();
    List<AclOperation> ownTopic = List.of(AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS,
        AclOperation.ALTER_CONFIGS, AclOperation.READ, AclOperation.WRITE);
    List<AclOperation> sharedTopic = ownTopic.stream().filter(op -> op != AclOperation.ALTER_CONFIGS).toList();
    TopicNames names = config.topics();
    for (String role : TopicNames.roles()) {
      grants.add(names.isExplicit(role)
          ? new Grant(ResourceType.TOPIC, PatternType.LITERAL, names.of(role), sharedTopic,
              "named by topics.name: verified, read and written by the app, never reconfigured")
          : new Grant(ResourceType.TOPIC, PatternType.LITERAL, names.of(role), ownTopic,
              "provisioned, verified, read and written by the app"));
    }
    // with the hyphen: "persona" alone would also match every topic whose name starts with it (personalized-offers)
    String prefix = config.applicationId() + "-";
    grants.add(new Grant(ResourceType.TOPIC, PatternType.PREFIXED, prefix, List.of(AclOperation.ALL),
        "internal topics: changelogs and repartitions, created and deleted by Kafka Streams"));
    for (String group : List.of(config.applicationId(), StreamsProperties.learningApplicationId(config))) {
      grants.add(new Grant(ResourceType.GROUP, PatternType.LITERAL, group,
          List.of(AclOperation.READ, AclOperation.DESCRIBE), "consumer group of the engine, of the learning app"));
    }
    grants.add(new Grant(ResourceType.TRANSACTIONAL_ID, PatternType.PREFIXED, prefix,
        List.of(AclOperation.WRITE, AclOperation.DESCRIBE), "exactly_once_v2 transactions of both applications"));
    grants.add(new Grant(ResourceType.CLUSTER, PatternType.LITERAL, "kafka-cluster",
        List.of(AclOperation.IDEMPOTENT_WRITE), "idempotent producers (the CLI's produce, replay, simulate)"));
    return grants;
  }

  /** The grants as ACL bindings for {@code principal} (for example {@code User:persona}), from any host. */
  public static List<AclBinding> bindings(PersonaConfig config, String principal) {
    List<AclBinding> bindings = new ArrayList<>();
    for (Grant grant : grants(config)) {
      for (AclOperation operation : grant.operations()) {
        bindings.add(new AclBinding(new ResourcePattern(grant.type(), grant.name(), grant.pattern()),
            new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
      }
    }
    return bindings;
  }
}
