package io.persona.emit;

import io.persona.serde.JsonRecordSerde;
import io.persona.serde.OutputReader;
import io.persona.serde.OutputSettings;
import io.persona.serde.RegistrySerde;
import io.persona.topology.Topic;
import io.persona.topology.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of Persona's outputs as configured: {@code output.format} for the offers other services consume
 * ({@link Topics#FORMATTED_OUTPUTS}), Avro single-object for every other topic, which Persona may read back itself.
 */
public final class OutputSerdes {
  private final OutputSettings settings;

  public OutputSerdes(OutputSettings settings) {
    this.settings = settings;
  }

  /** What the topology writes {@code topic} with. */
  public <V extends SpecificRecord> Serde<V> writer(Topic<V> topic) {
    if (!Topics.FORMATTED_OUTPUTS.contains(topic)) {
      return topic.valueSerde();
    }
    return switch (settings.format()) {
      case AVRO -> topic.valueSerde();
      case JSON -> JsonRecordSerde.of(topic.valueType());
      case REGISTRY -> RegistrySerde.at(settings.registryUrl());
    };
  }

  /** Reads {@code topic} in any output format; registry-framed values only when a registry URL is configured. */
  public <V extends SpecificRecord> Deserializer<V> reader(Topic<V> topic) {
    Deserializer<V> registry = settings.registryUrl().isEmpty() ? null
        : RegistrySerde.<V>at(settings.registryUrl()).deserializer();
    return new OutputReader<>(topic.valueType(), registry);
  }
}
