package io.persona.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.config.PersonaConfig;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BenchConfigsTest {
  private final BenchConfigs configs = new BenchConfigs("127.0.0.1:19092",
      Map.of("PERSONA_BOOTSTRAP_SERVERS", "elsewhere:9092", "PERSONA_NUM_STREAM_THREADS", "3", "HOME", "/home/bench"),
      "k2x9");
  private final List<PersonaConfig> made = new ArrayList<>();

  @AfterEach
  void deleteStateDirectories() throws Exception {
    for (PersonaConfig config : made) {
      Files.deleteIfExists(config.stateDir());
    }
  }

  @Test
  void shouldNameEachAppAfterTheBenchmarkAndItsRun() throws Exception {
    assertThat(make(configs.forApp("bench-topics")).applicationId()).isEqualTo("bench-topics-k2x9");
    assertThat(make(configs.forRun("bench-persona", 2)).applicationId()).isEqualTo("bench-persona-k2x9-2");
  }

  @Test
  void shouldKeepTheEnvironmentsTuningOnTheBenchmarksBroker() throws Exception {
    PersonaConfig config = make(configs.forApp("bench-topics"));

    assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:19092");
    assertThat(config.streamThreads()).isEqualTo(3);
  }

  @Test
  void shouldLetAnAppsSettingsOverrideTheEnvironment() throws Exception {
    PersonaConfig config = make(configs.forApp("bench-latency", Map.of("PERSONA_NUM_STREAM_THREADS", "1")));

    assertThat(config.streamThreads()).isEqualTo(1);
  }

  @Test
  void shouldGiveEveryAppAnEmptyStateDirectoryOfItsOwn() throws Exception {
    PersonaConfig first = make(configs.forRun("bench-persona", 1));
    PersonaConfig second = make(configs.forRun("bench-persona", 1));

    assertThat(first.stateDir()).isNotEqualTo(second.stateDir()).isEmptyDirectory();
    assertThat(second.stateDir()).isEmptyDirectory();
  }

  private PersonaConfig make(PersonaConfig config) {
    made.add(config);
    return config;
  }
}
