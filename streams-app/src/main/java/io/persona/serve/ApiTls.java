package io.persona.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the HTTP API: the key store it serves with, and the trust store it checks other instances against when it
 * forwards a request (none: the JVM's default trust). Loaded once at start-up, so that a wrong path or password stops
 * the app with a message naming the setting.
 */
public final class ApiTls {
  private final SSLContext server;
  private final SSLContext client;

  private ApiTls(SSLContext server, SSLContext client) {
    this.server = server;
    this.client = client;
  }

  /**
   * @param truststore null for the JVM's default trust
   * @throws IllegalArgumentException naming what could not be read
   */
  public static ApiTls load(Path keystore, char[] keystorePassword, String type, Path truststore,
      char[] truststorePassword) {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(read(keystore, keystorePassword, type, "key store"), keystorePassword);
      SSLContext server = SSLContext.getInstance("TLS");
      server.init(keys.getKeyManagers(), null, null);
      SSLContext client = SSLContext.getInstance("TLS");
      if (truststore == null) {
        client.init(null, null, null);
      } else {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(read(truststore, truststorePassword, type, "trust store"));
        client.init(null, trust.getTrustManagers(), null);
      }
      return new ApiTls(server, client);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use the API's key store " + keystore + ": "
          + e.getClass().getSimpleName());
    }
  }

  private static KeyStore read(Path file, char[] password, String type, String what)
      throws GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password);
      return store;
    } catch (IOException e) {
      // a wrong password shows as an IOException too; the message never holds the password
      throw new IllegalArgumentException("cannot read the API's " + what + " " + file + " as " + type
          + " (missing, or wrong password?): " + e.getMessage());
    }
  }

  SSLContext server() {
    return server;
  }

  SSLContext client() {
    return client;
  }
}
