package io.persona.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.persona.config.ConfigException;
import io.persona.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTlsTest {

  @Test
  void shouldStopAtStartUpNamingTheSettingWhenTheKeyStoreCannotBeRead(@TempDir Path dir) throws IOException {
    Path notAStore = dir.resolve("api.p12");
    Files.writeString(notAStore, "not a key store");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PERSONA_SERVER_TLS_KEYSTORE_LOCATION", notAStore.toString(),
        "PERSONA_SERVER_TLS_KEYSTORE_PASSWORD", "hunter2-secret"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.tls.keystore.location")
        .hasMessageContaining(notAStore.toString())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2-secret"));
  }

  @Test
  void shouldServePlainHttpUnlessAKeyStoreIsSet() {
    assertThat(ConfigLoader.load(Map.of(), null).apiTls()).isNull();
  }
}
