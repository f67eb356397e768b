package io.persona.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;

/**
 * Kills app instances with SIGKILL at random and starts them again, restarts any that exit by themselves, and hurts
 * the broker at set points of the input, until the input is published and the group has committed all of it.
 */
final class Chaos {
  /** A broker fault once this share of the input is published: a kill and restart, or a pause. */
  private record BrokerFault(double at, boolean kill) {}

  private final FaultRun.Plan plan;
  private final List<AppInstance> instances;
  private final Publisher publisher;
  private final String groupId;
  private final SplittableRandom random;
  private final PrintStream out;
  private final Map<AppInstance, Long> restartAt = new HashMap<>();
  private final List<Double> brokerRecoverySeconds = new ArrayList<>();
  private int kills;
  private int selfExits;

  Chaos(FaultRun.Plan plan, List<AppInstance> instances, Publisher publisher, String groupId, SplittableRandom random,
      PrintStream out) {
    this.plan = plan;
    this.instances = instances;
    this.publisher = publisher;
    this.groupId = groupId;
    this.random = random;
    this.out = out;
  }

  int kills() {
    return kills;
  }

  int selfExits() {
    return selfExits;
  }

  List<Double> brokerRecoverySeconds() {
    return brokerRecoverySeconds;
  }

  void untilCaughtUp(int total) throws Exception {
    BrokerControl broker = plan.brokerKills() > 0 || plan.brokerPauseSeconds() > 0
        ? new BrokerControl(plan.brokerScript(), plan.brokerDir()) : null;
    List<BrokerFault> brokerFaults = brokerFaults();
    long nextKill = System.nanoTime() + seconds(plan.killMinSeconds(), plan.killMaxSeconds());
    long nextReport = System.nanoTime();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", plan.bootstrap()))) {
      Verifier lag = new Verifier(plan.bootstrap(), groupId);
      while (true) {
        long now = System.nanoTime();
        restartDue(now);
        int published = publisher.published();
        if (!brokerFaults.isEmpty() && published >= brokerFaults.get(0).at() * total) {
          brokerFault(broker, brokerFaults.remove(0).kill(), admin);
          continue;
        }
        // Kills stop with the input: under at_least_once, whose commits are 30 s apart, instances killed every
        // few seconds would replay the same records forever.
        if (now >= nextKill && !publisher.done()) {
          killOne();
          nextKill = now + seconds(plan.killMinSeconds(), plan.killMaxSeconds());
        }
        if (now >= nextReport) {
          long behind = lagOrUnknown(lag, admin);
          out.printf("  published %,d of %,d  not yet committed %s  kills %d  restarts by itself %d%n", published,
              total, behind < 0 ? "?" : String.format("%,d", behind), kills, selfExits);
          nextReport = now + 5_000_000_000L;
          if (publisher.done() && restartAt.isEmpty() && behind == 0) {
            return;
          }
        }
        Thread.sleep(FaultRun.POLL_MS);
      }
    }
  }

  private void killOne() throws InterruptedException {
    List<AppInstance> alive = instances.stream().filter(AppInstance::alive).toList();
    if (alive.isEmpty()) {
      return;
    }
    AppInstance victim = alive.get(random.nextInt(alive.size()));
    victim.kill();
    kills++;
    restartAt.put(victim, System.nanoTime() + seconds(plan.restartMinSeconds(), plan.restartMaxSeconds()));
  }

  /** Starts killed instances whose pause is over, and any that exited by itself (as a supervisor would). */
  private void restartDue(long now) throws IOException {
    for (AppInstance instance : instances) {
      Long due = restartAt.get(instance);
      if (due != null && now >= due) {
        restartAt.remove(instance);
        instance.start();
      } else if (due == null && !instance.alive()) {
        out.printf("  %s exited by itself (exit %s); restarting it; see %s%n", instance.name(),
            instance.exitCode(), instance.log());
        selfExits++;
        instance.start();
      }
    }
  }

  /** SIGKILL and restart, or SIGSTOP for the pause then SIGCONT; then the time until every instance is ready. */
  private void brokerFault(BrokerControl broker, boolean kill, Admin admin) throws Exception {
    if (kill) {
      out.println("  broker: SIGKILL, restart in 2 s");
      broker.kill();
      Thread.sleep(2_000);
      broker.start();
    } else {
      out.printf("  broker: SIGSTOP for %d s, then SIGCONT%n", plan.brokerPauseSeconds());
      broker.pause();
      Thread.sleep(plan.brokerPauseSeconds() * 1_000L);
      broker.resume();
    }
    long back = System.nanoTime();
    // Back means RUNNING and committing input again: an instance may still say RUNNING when the broker returns.
    Verifier progress = new Verifier(plan.bootstrap(), groupId);
    long committedAtReturn = committedOrUnknown(progress, admin);
    while (!instances.stream().allMatch(AppInstance::ready)
        || committedOrUnknown(progress, admin) <= Math.max(committedAtReturn, 0)) {
      restartDue(System.nanoTime());
      if (System.nanoTime() - back > 180_000_000_000L) {
        throw new IllegalStateException("the app did not return to RUNNING within 180 s of the broker's return");
      }
      Thread.sleep(FaultRun.POLL_MS);
    }
    double seconds = (System.nanoTime() - back) / 1e9;
    brokerRecoverySeconds.add(seconds);
    out.printf("  broker back; every instance RUNNING and input committed again after %.1f s%n", seconds);
  }

  /** Where in the input the broker faults happen: kills spread over the first 80%, the pause after them. */
  private List<BrokerFault> brokerFaults() {
    List<BrokerFault> faults = new ArrayList<>();
    for (int i = 1; i <= plan.brokerKills(); i++) {
      faults.add(new BrokerFault(0.8 * i / (plan.brokerKills() + 1), true));
    }
    if (plan.brokerPauseSeconds() > 0) {
      faults.add(new BrokerFault(0.85, false));
    }
    return faults;
  }

  private long committedOrUnknown(Verifier verifier, Admin admin) {
    try {
      return verifier.committedInput(admin);
    } catch (Exception e) {
      return -1; // the broker is away; ask again later
    }
  }

  private long lagOrUnknown(Verifier lag, Admin admin) {
    try {
      return lag.inputLag(admin);
    } catch (Exception e) {
      return -1; // the broker is away; ask again later
    }
  }

  private long seconds(double min, double max) {
    return (long) ((min + random.nextDouble() * (max - min)) * 1e9);
  }
}
