package io.persona.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A request's query parameters, decoded; a name given twice keeps its last value. */
public final class QueryParams {
  private QueryParams() {}

  public static Map<String, String> of(URI uri) {
    Map<String, String> params = new HashMap<>();
    String rawQuery = uri.getRawQuery();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
      }
    }
    return params;
  }

  public static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
