package io.persona.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** {@code GET /persona.js}: the web tracker, from the app's own jar. */
public final class TrackerScript implements HttpHandler {
  private final byte[] script;

  public TrackerScript() {
    try (InputStream in = TrackerScript.class.getResourceAsStream("/collect/persona.js")) {
      script = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/javascript; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "public, max-age=300");
      exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
      exchange.sendResponseHeaders(200, script.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(script);
      }
    }
  }
}
