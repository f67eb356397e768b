package io.persona.cli;

import io.persona.config.ConfigLoader;
import io.persona.config.KafkaClients;
import io.persona.config.PersonaConfig;
import io.persona.topology.AclPlan.Grant;
import io.persona.topology.AclPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The ACLs the app's principal needs, printed as a table, or created with the connection's (admin) credentials. */
@Command(name = "acls", description = "Print the ACLs Persona's principal needs on a cluster with an authorizer, "
    + "or create them (--apply, run with an administrator's credentials).")
public final class AclsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--principal", description = "The app's principal (default: ${DEFAULT-VALUE}).")
  String principal = "User:persona";

  @Option(names = "--apply", description = "Create the ACLs, connecting with the configured Kafka settings.")
  boolean apply;

  @Option(names = "--config", description = "Properties file (topics and application.id are read from it).")
  Path configFile;

  @Override
  public Integer call() throws Exception {
    PersonaConfig config = ConfigLoader.load(System.getenv(), configFile);
    PrintWriter out = spec.commandLine().getOut();
    if (!principal.contains(":")) {
      throw new CliException("--principal needs a type, for example User:persona (got '" + principal + "')");
    }
    out.printf("%-17s %-9s %-36s %-55s %s%n", "resource", "pattern", "name", "operations", "why");
    for (Grant grant : AclPlan.grants(config)) {
      out.printf("%-17s %-9s %-36s %-55s %s%n", lower(grant.type().name()), lower(grant.pattern().name()),
          grant.name(), grant.operations().stream().map(o -> lower(o.name())).collect(Collectors.joining(", ")),
          grant.why());
    }
    if (apply) {
      List<AclBinding> bindings = AclPlan.bindings(config, principal);
      try (Admin admin = Admin.create(KafkaClients.admin(config))) {
        admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
      }
      out.printf("created %d ACLs for %s%n", bindings.size(), principal);
    }
    out.flush();
    return 0;
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
