package io.persona.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpReplyTest {
  private HttpServer server;
  private volatile HttpReply reply;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        reply.send(exchange);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void shouldSendAnErrorAsJsonWithItsStatusAndHeaders() throws Exception {
    HttpResponse<String> response = served(HttpReply.error(503, "try \"later\"").retryAfter(5).header("Allow", "GET"));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("{\"error\":\"try \\\"later\\\"\"}");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void shouldSendTextWithItsOwnContentType() throws Exception {
    HttpResponse<String> response = served(HttpReply.text(200, "up 1\n", "text/plain; version=0.0.4; charset=utf-8"));

    assertThat(response.body()).isEqualTo("up 1\n");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
  }

  @Test
  void shouldRedirectWithAnEmptyBody() throws Exception {
    HttpResponse<String> response = served(HttpReply.redirect("/ui/"));

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue("/ui/");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void shouldLeaveTheReplyItWasMadeFromWithoutTheNewHeader() {
    HttpReply plain = HttpReply.error(503, "busy");

    plain.retryAfter(1);

    assertThat(plain.headers()).isEmpty();
  }

  private HttpResponse<String> served(HttpReply sent) throws Exception {
    reply = sent;
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
