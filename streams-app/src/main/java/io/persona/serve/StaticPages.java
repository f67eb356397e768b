package io.persona.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The marketer's page: HTML, script and style from the app's jar, served as they are. They hold no data: the page
 * asks {@code /marketing/*} and {@code /customers/*} for it, with the user's token.
 */
final class StaticPages implements HttpHandler {
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "js", "application/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

  private final String root;

  StaticPages(String root) {
    this.root = root;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.equals(root)) {
        exchange.getResponseHeaders().set("Location", root + "/");
        exchange.sendResponseHeaders(302, -1);
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      String file = path.endsWith("/") ? path + "index.html" : path;
      String extension = file.substring(file.lastIndexOf('.') + 1);
      // the server matches contexts by prefix: /ui also takes /uix.js, which is not the page's
      InputStream in = !file.startsWith(root + "/") || file.contains("..") || !TYPES.containsKey(extension) ? null
          : StaticPages.class.getResourceAsStream(file);
      if (in == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body;
      try (in) {
        body = in.readAllBytes();
      }
      exchange.getResponseHeaders().set("Content-Type", TYPES.get(extension));
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
      exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
