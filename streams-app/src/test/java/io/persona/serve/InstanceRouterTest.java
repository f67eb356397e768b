package io.persona.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.persona.http.HttpReply;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InstanceRouterTest {
  private static final HostInfo SELF = new HostInfo("127.0.0.1", 1);
  private static final URI URI_ASKED = URI.create("/customers/c%2F1/offers?k=3&channel=sms");
  private static final HttpReply HERE = HttpReply.json(200, "{\"here\":true}");

  private HttpServer owner;
  private final AtomicReference<Headers> forwardedHeaders = new AtomicReference<>();
  private final AtomicReference<URI> forwardedUri = new AtomicReference<>();
  private volatile HttpReply ownersReply = HttpReply.json(200, "{\"there\":true}");

  @BeforeEach
  void startOwner() throws Exception {
    owner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    owner.createContext("/", exchange -> {
      forwardedHeaders.set(exchange.getRequestHeaders());
      forwardedUri.set(exchange.getRequestURI());
      try (exchange) {
        ownersReply.send(exchange);
      }
    });
    owner.start();
  }

  @AfterEach
  void stopOwner() {
    owner.stop(0);
  }

  @Test
  void shouldAnswerHereWhenThisInstanceOwnsTheCustomer() {
    assertThat(router(SELF).route("c-1", URI_ASKED, new Headers(), () -> HERE)).isSameAs(HERE);
  }

  @Test
  void shouldAskToRetryWhileNoInstanceOwnsTheCustomer() {
    HttpReply reply = router(null).route("c-1", URI_ASKED, new Headers(), () -> HERE);

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.body()).contains("no owner right now");
    assertThat(reply.headers()).containsEntry("Retry-After", "1");
  }

  @Test
  void shouldForwardToTheOwnerWithTheCallersTokenPathAndQuery() {
    HttpReply reply = router(ownerHost()).route("c-1", URI_ASKED, headers(Map.of("Authorization", "Bearer t")),
        () -> HERE);

    assertThat(reply).isEqualTo(HttpReply.json(200, "{\"there\":true}"));
    assertThat(forwardedUri.get().getRawPath()).isEqualTo("/customers/c%2F1/offers");
    assertThat(forwardedUri.get().getRawQuery()).isEqualTo("k=3&channel=sms");
    assertThat(forwardedHeaders.get().getFirst("Authorization")).isEqualTo("Bearer t");
    assertThat(forwardedHeaders.get().getFirst("X-Persona-Forwarded")).isEqualTo("1");
  }

  @Test
  void shouldNotForwardARequestThatWasForwardedAlready() {
    HttpReply reply = router(ownerHost()).route("c-1", URI_ASKED, headers(Map.of("X-Persona-Forwarded", "1")),
        () -> HERE);

    assertThat(reply).isEqualTo(HttpReply.error(503, "ownership is moving").retryAfter(1));
    assertThat(forwardedUri.get()).isNull();
  }

  @Test
  void shouldPassOnTheOwnersRefusalWithABearerChallenge() {
    ownersReply = HttpReply.error(401, "who?");

    HttpReply reply = router(ownerHost()).route("c-1", URI_ASKED, new Headers(), () -> HERE);

    assertThat(reply).isEqualTo(HttpReply.error(401, "who?").header("WWW-Authenticate", "Bearer realm=\"persona\""));
  }

  @Test
  void shouldAskToRetryInOneSecondWhenTheOwnerAsksToRetry() {
    ownersReply = HttpReply.error(503, "restoring").retryAfter(7);

    HttpReply reply = router(ownerHost()).route("c-1", URI_ASKED, new Headers(), () -> HERE);

    assertThat(reply).isEqualTo(HttpReply.error(503, "restoring").retryAfter(1));
  }

  @Test
  void shouldAskToRetryWhenTheOwnerDoesNotAnswer() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    HttpReply reply = router(new HostInfo("127.0.0.1", closedPort)).route("c-1", URI_ASKED, new Headers(),
        () -> HERE);

    assertThat(reply).isEqualTo(HttpReply.error(503, "the owning instance did not answer").retryAfter(1));
  }

  private HostInfo ownerHost() {
    return new HostInfo("127.0.0.1", owner.getAddress().getPort());
  }

  private static InstanceRouter router(HostInfo ownerOfEveryone) {
    return new InstanceRouter(customerId -> ownerOfEveryone, SELF, null);
  }

  private static Headers headers(Map<String, String> values) {
    Headers headers = new Headers();
    values.forEach(headers::set);
    return headers;
  }
}
