package io.persona.serve;

import io.persona.avro.Channel;
import java.util.Locale;
import java.util.Map;

/**
 * What a request for {@code /customers/{id}/profile|consent|offers} asks; for offers, the top k (or the discovery
 * list) on one channel, from the query's {@code k} (default 10), {@code channel} (email) and {@code list} (top).
 */
record CustomerRequest(Asked asked, int k, Channel channel, boolean discover) {
  static final int MAX_K = 100;

  enum Asked { PROFILE, CONSENT, OFFERS }

  /**
   * @param what the path's last segment: profile, consent or offers
   * @param params the query's parameters, decoded
   * @throws IllegalArgumentException saying what is wrong with the query, for a 400
   */
  static CustomerRequest of(String what, Map<String, String> params) {
    Asked asked = Asked.valueOf(what.toUpperCase(Locale.ROOT));
    if (asked != Asked.OFFERS) {
      return new CustomerRequest(asked, 0, Channel.UNKNOWN, false);
    }
    String list = params.getOrDefault("list", "top");
    if (!list.equals("top") && !list.equals("discover")) {
      throw new IllegalArgumentException("list must be top or discover");
    }
    return new CustomerRequest(asked, k(params.getOrDefault("k", "10")),
        channel(params.getOrDefault("channel", "email")), list.equals("discover"));
  }

  private static int k(String text) {
    try {
      int k = Integer.parseInt(text);
      if (k >= 1 && k <= MAX_K) {
        return k;
      }
    } catch (NumberFormatException e) {
      // not a number: the same answer as one out of range
    }
    throw new IllegalArgumentException("k must be a whole number from 1 to " + MAX_K);
  }

  private static Channel channel(String name) {
    try {
      Channel channel = Channel.valueOf(name.toUpperCase(Locale.ROOT));
      if (channel != Channel.UNKNOWN) {
        return channel;
      }
    } catch (IllegalArgumentException e) {
      // not a channel: the same answer as UNKNOWN
    }
    throw new IllegalArgumentException("channel must be one of email, sms, push, ad, web, pos");
  }
}
