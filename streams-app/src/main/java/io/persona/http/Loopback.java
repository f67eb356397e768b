package io.persona.http;

/** The host names that mean this machine only: binding there keeps a port from the network. */
public final class Loopback {
  private Loopback() {}

  /** Whether {@code host} (null: none) is 127.0.0.1, localhost or ::1. */
  public static boolean isLoopback(String host) {
    return host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1"));
  }
}
