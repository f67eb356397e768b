package io.persona.serve.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.persona.config.ConfigLoader;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketingApiHostTest {
  @Test
  void shouldRefuseAnotherHostNameWithoutTokensSoThatDnsRebindingCannotReachTheCatalog() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    try (MarketingApi api = new MarketingApi(null, ConfigLoader.load(Map.of(), null))) {
      server.createContext("/marketing/", api);
      server.start();

      String reply = rawRequest(server.getAddress().getPort(), "DELETE /marketing/offers/o-1 HTTP/1.1\r\n"
          + "Host: attacker.example:8080\r\nConnection: close\r\n\r\n");

      assertThat(reply).startsWith("HTTP/1.1 403").contains("set server.auth.tokens");
    } finally {
      server.stop(0);
    }
  }

  private static String rawRequest(int port, String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
