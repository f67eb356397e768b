package io.persona.cli;

import io.persona.topology.Topic;
import io.persona.topology.Topics;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Resolves a topic name given on the command line, or says which names exist. */
final class TopicOption {
  private TopicOption() {}

  static Topic<?> resolve(CommandSpec spec, String name) {
    return Topics.byName(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
        "unknown topic '" + name + "'; one of " + String.join(", ", Topics.names())));
  }
}
