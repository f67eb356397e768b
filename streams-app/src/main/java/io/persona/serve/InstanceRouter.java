package io.persona.serve;

import com.sun.net.httpserver.Headers;
import io.persona.http.HttpReply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Takes a customer request to the instance that owns the customer's partition (interactive queries): answered here
 * when that is this instance, else forwarded there, once (a forwarded request is never forwarded again). 503 with
 * Retry-After while the owner is unknown, moving or not answering.
 */
final class InstanceRouter {
  private static final String FORWARDED = "X-Persona-Forwarded";

  private final Function<String, HostInfo> owners;
  private final HostInfo self;
  private final HttpClient client;
  private final String scheme;

  /**
   * @param owners the instance that serves a customer's partition (its {@code application.server}), or null while
   *     none does
   * @param self this instance's {@code application.server}
   * @param tls null for plain HTTP between instances
   */
  InstanceRouter(Function<String, HostInfo> owners, HostInfo self, ApiTls tls) {
    this.owners = owners;
    this.self = self;
    HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2));
    if (tls != null) {
      client.sslContext(tls.client());
    }
    this.client = client.build();
    this.scheme = tls == null ? "http" : "https";
  }

  /** @param here the answer from this instance's own stores, asked for only when this instance owns the customer */
  HttpReply route(String customerId, URI uri, Headers headers, Supplier<HttpReply> here) {
    HostInfo owner = owners.apply(customerId);
    if (owner == null) {
      return HttpReply.error(503, "the customer's partition has no owner right now").retryAfter(1);
    }
    if (owner.equals(self)) {
      return here.get();
    }
    if (headers.containsKey(FORWARDED)) {
      return HttpReply.error(503, "ownership is moving").retryAfter(1);
    }
    return forward(owner, uri, headers.getFirst("Authorization"));
  }

  /** The owner authenticates the caller again: the caller's own token goes along, the header only stops loops. */
  private HttpReply forward(HostInfo owner, URI uri, String authorization) {
    URI target = URI.create(scheme + "://" + owner.host() + ":" + owner.port() + uri.getRawPath()
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5))
          .header(FORWARDED, "1");
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
      HttpReply reply = BearerAuth.challenged(HttpReply.json(response.statusCode(), response.body()));
      return response.headers().firstValue("Retry-After").isPresent() ? reply.retryAfter(1) : reply;
    } catch (IOException e) {
      return HttpReply.error(503, "the owning instance did not answer").retryAfter(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HttpReply.error(503, "interrupted").retryAfter(1);
    }
  }
}
