package io.persona.emit;

import io.persona.config.PersonaConfig;
import io.persona.topology.Topic;
import io.persona.topology.TopicNames;
import io.persona.topology.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** emit: each decision's records to their topics, the offers in the configured {@code output.format}. */
public final class EmitStage {
  private EmitStage() {}

  public static void send(KStream<String, SpecificRecord> decided, PersonaConfig config) {
    OutputSerdes outputs = new OutputSerdes(config.output());
    sink(decided, config.topics(), outputs, Topics.PERSONALIZED_OFFERS, "decided");
    sink(decided, config.topics(), outputs, Topics.AD_OFFERS, "decided");
    sink(decided, config.topics(), outputs, Topics.OFFER_OUTCOMES, "decided");
  }

  private static <V extends SpecificRecord> void sink(KStream<String, SpecificRecord> stream, TopicNames names,
      OutputSerdes outputs, Topic<V> topic, String from) {
    only(stream, topic.valueType(), from + "-" + topic.name())
        .to(names.of(topic), Produced.with(Serdes.String(), outputs.writer(topic))
            .withName(from + "-" + topic.name() + "-sink"));
  }

  private static <V extends SpecificRecord> KStream<String, V> only(KStream<String, SpecificRecord> stream,
      Class<V> type, String name) {
    return stream.filter((key, value) -> type.isInstance(value), Named.as("keep-" + name))
        .mapValues(type::cast, Named.as("as-" + name));
  }
}
