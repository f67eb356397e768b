package io.persona.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The names Persona's topics have on this cluster: each is {@code <prefix><topic>} (so that several applications, or
 * several Persona deployments, can share a cluster) unless given a name of its own (to read a tracker topic that
 * already exists). Code names topics by their {@link Topic} role; only clients and the topology's sources and sinks
 * see the names here.
 *
 * @param prefix put before every topic's name that is not given explicitly
 * @param explicit topic role ({@code clickstream}, {@code dead-letter}...) to its full name, not prefixed
 */
public record TopicNames(String prefix, Map<String, String> explicit) {
  public static final TopicNames DEFAULT = new TopicNames("", Map.of());

  public TopicNames {
    explicit = Map.copyOf(explicit);
    Map<String, String> roleByName = new HashMap<>();
    for (String role : roles()) {
      String name = explicit.getOrDefault(role, prefix + role);
      String valid = validity(name);
      if (valid != null) {
        throw new IllegalArgumentException("topic name '" + name + "' for " + role + " " + valid);
      }
      String other = roleByName.put(name, role);
      if (other != null) {
        throw new IllegalArgumentException("topics " + other + " and " + role + " would both be named '" + name + "'");
      }
    }
    for (String role : explicit.keySet()) {
      if (!roles().contains(role)) {
        throw new IllegalArgumentException("no topic " + role + "; topics are " + String.join(", ", roles()));
      }
    }
  }

  /** Every topic's role: the product's topics and the dead-letter topic. */
  public static List<String> roles() {
    return Stream.concat(Topics.names().stream(), Stream.of(Topics.DEAD_LETTER)).toList();
  }

  public String of(Topic<?> topic) {
    return of(topic.name());
  }

  public String of(String role) {
    return explicit.getOrDefault(role, prefix + role);
  }

  public String deadLetter() {
    return of(Topics.DEAD_LETTER);
  }

  /** A topic named explicitly may belong to another team: Persona creates it when missing but never reconfigures it. */
  public boolean isExplicit(String role) {
    return explicit.containsKey(role);
  }

  private static String validity(String name) {
    if (name.isEmpty() || name.length() > 249) {
      return "must be 1 to 249 characters long";
    }
    if (name.equals(".") || name.equals("..")) {
      return "cannot be '.' or '..'";
    }
    if (!name.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-')) {
      return "may hold only ASCII letters, digits, '.', '_' and '-'";
    }
    return null;
  }
}
