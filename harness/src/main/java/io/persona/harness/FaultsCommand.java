package io.persona.harness;

import io.persona.cli.BootstrapOption;
import io.persona.cli.CliException;
import io.persona.faults.FaultReport;
import io.persona.faults.FaultRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One fault-injection run against a broker of its own; scripts/faults.sh runs the whole set. */
@Command(name = "faults", description = "Publish a deterministic workload while killing app instances (each its own "
    + "process) with SIGKILL, optionally killing and freezing the broker, then check the outputs against an oracle: "
    + "no offer lost or duplicated, final profiles equal, every malformed record in the dead letters once. Use a "
    + "broker of its own: scripts/faults.sh.")
public final class FaultsCommand implements Callable<Integer> {
  @Mixin BootstrapOption bootstrap = new BootstrapOption();

  @Option(names = "--work-dir", required = true, description = "Folder for the instances' state and logs.")
  Path workDir;

  @Option(names = "--guarantee", description = "exactly_once_v2, or at_least_once for the control "
      + "(default: ${DEFAULT-VALUE}).")
  String guarantee = "exactly_once_v2";

  @Option(names = "--events", description = "Valid events (default: ${DEFAULT-VALUE}).")
  int events = 100_000;

  @Option(names = "--customers", description = "Customers (default: ${DEFAULT-VALUE}).")
  int customers = 2_000;

  @Option(names = "--pills", description = "Malformed records mixed in (default: ${DEFAULT-VALUE}).")
  int pills = 50;

  @Option(names = "--rate", description = "Events published per second (default: ${DEFAULT-VALUE}).")
  double rate = 1_000;

  @Option(names = "--instances", description = "App instances (default: ${DEFAULT-VALUE}).")
  int instances = 2;

  @Option(names = "--kill-every", split = ",", description = "Seconds between kills, min,max (default: 5,15).")
  double[] killEvery = {5, 15};

  @Option(names = "--restart-after", split = ",", description = "Seconds before a killed instance restarts, min,max "
      + "(default: 1,3).")
  double[] restartAfter = {1, 3};

  @Option(names = "--min-kills", description = "Kills while input remained that make the run count "
      + "(default: ${DEFAULT-VALUE}).")
  int minKills = 5;

  @Option(names = "--broker-kills", description = "Broker SIGKILLs and restarts during the run (default: 0).")
  int brokerKills;

  @Option(names = "--broker-pause", description = "Seconds of one broker SIGSTOP during the run (default: 0).")
  int brokerPause;

  @Option(names = "--broker-script", description = "The script that starts the broker (default: ${DEFAULT-VALUE}).")
  Path brokerScript = Path.of("scripts/kafka-local.sh");

  @Option(names = "--broker-dir", description = "The broker's data dir, with broker.pid (default: KAFKA_LOCAL_DIR).")
  Path brokerDir;

  @Option(names = "--state-loss", description = "Afterwards, delete one instance's state and check its restore.")
  boolean stateLoss;

  @Option(names = "--seed", description = "Seed of the workload and of the kills (default: ${DEFAULT-VALUE}).")
  long seed = 7;

  @Option(names = "--report", description = "Append the markdown report to this file.")
  Path report;

  @Override
  public Integer call() throws Exception {
    if (!guarantee.equals("exactly_once_v2") && !guarantee.equals("at_least_once")) {
      throw new CliException("--guarantee must be exactly_once_v2 or at_least_once, not '" + guarantee + "'");
    }
    if (killEvery.length != 2 || restartAfter.length != 2 || killEvery[0] <= 0 || killEvery[0] > killEvery[1]
        || restartAfter[0] < 0 || restartAfter[0] > restartAfter[1]) {
      throw new CliException("--kill-every and --restart-after take min,max seconds with 0 < min <= max");
    }
    if ((brokerKills > 0 || brokerPause > 0) && brokerDirOrEnv() == null) {
      throw new CliException("broker faults need --broker-dir or KAFKA_LOCAL_DIR (the folder with broker.pid)");
    }
    Path jar = Path.of(FaultsCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    FaultRun.Plan plan = new FaultRun.Plan(bootstrap.resolve(), jar, workDir.toAbsolutePath(), guarantee, events,
        customers, pills, rate, instances, killEvery[0], killEvery[1], restartAfter[0], restartAfter[1], brokerKills,
        brokerPause, brokerScript, brokerDirOrEnv(), stateLoss, seed);
    FaultReport result = new FaultReport(new FaultRun(plan, System.out).run(), minKills);
    String markdown = result.markdown();
    System.out.println();
    System.out.print(markdown);
    if (report != null) {
      Files.writeString(report, markdown + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    return result.failures().isEmpty() ? 0 : 1;
  }

  private Path brokerDirOrEnv() {
    String env = System.getenv("KAFKA_LOCAL_DIR");
    return brokerDir != null ? brokerDir : env == null ? null : Path.of(env);
  }
}
