package io.persona.bench;

import io.persona.config.PersonaConfig;
import io.persona.config.StreamsProperties;
import io.persona.topology.LearningTopology;
import io.persona.topology.PersonaTopology;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The engine and its learning app in one process, as {@code persona run} runs them: the learning app starts once the
 * engine is RUNNING (it reads the changelog the engine creates). Timing and lag are the engine's: it emits the offers.
 */
final class EngineRun implements AutoCloseable {
  final KafkaStreams engine;
  final KafkaStreams learning;

  /** @param tune applied to both apps' settings; {@code countPartitions} adds {@link TransactionPartitions} to the engine's */
  EngineRun(PersonaConfig config, UnaryOperator<Properties> tune, boolean countPartitions) {
    Properties engineProps = tune.apply(StreamsProperties.of(config));
    if (countPartitions) {
      engineProps.put(StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
          TransactionPartitions.class.getName());
    }
    engine = new KafkaStreams(PersonaTopology.build(config), engineProps);
    learning = new KafkaStreams(LearningTopology.build(config), tune.apply(StreamsProperties.learning(config)));
    engine.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING && learning.state() == KafkaStreams.State.CREATED) {
        learning.start();
      }
    });
  }

  @Override
  public void close() {
    learning.close();
    engine.close();
  }
}
