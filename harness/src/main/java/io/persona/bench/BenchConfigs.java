package io.persona.bench;

import io.persona.config.ConfigLoader;
import io.persona.config.PersonaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The configuration of each app a benchmark starts: the environment's (PERSONA_KAFKA_* tunes every app measured
 * alike) on the benchmark's broker, with an application id of its own and an empty state directory.
 */
final class BenchConfigs {
  private final String bootstrapServers;
  private final Map<String, String> environment;
  private final String benchmarkId;

  /** @param benchmarkId ends every application id, so that no run reuses the groups or topics of an earlier one */
  BenchConfigs(String bootstrapServers, Map<String, String> environment, String benchmarkId) {
    this.bootstrapServers = bootstrapServers;
    this.environment = Map.copyOf(environment);
    this.benchmarkId = benchmarkId;
  }

  /** The app {@code name}, once per benchmark: application id {@code name-<benchmark id>}. */
  PersonaConfig forApp(String name) throws IOException {
    return forApp(name, Map.of());
  }

  /** The app {@code name} in timed run {@code run}: application id {@code name-<benchmark id>-<run>}. */
  PersonaConfig forRun(String name, int run) throws IOException {
    return load(name + "-" + benchmarkId + "-" + run, Map.of());
  }

  /** @param settings PERSONA_* variables that override the environment's */
  PersonaConfig forApp(String name, Map<String, String> settings) throws IOException {
    return load(name + "-" + benchmarkId, settings);
  }

  private PersonaConfig load(String applicationId, Map<String, String> settings) throws IOException {
    Map<String, String> env = new HashMap<>(environment);
    env.putAll(settings);
    env.put("PERSONA_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("PERSONA_APPLICATION_ID", applicationId);
    env.put("PERSONA_STATE_DIR", Files.createTempDirectory("persona-bench").toString());
    return ConfigLoader.load(env, null);
  }
}
