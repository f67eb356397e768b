package io.persona.serve.marketing;

import io.persona.avro.OfferOutcome;
import io.persona.config.KafkaClients;
import io.persona.config.PersonaConfig;
import io.persona.topology.Topics;
import io.persona.topology.WholeTopic;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code offer-outcomes} (read_committed) from its beginning to its current end. */
final class OutcomeReader {
  private final Map<String, Object> settings;
  private final String topic;

  OutcomeReader(PersonaConfig config) {
    this.settings = KafkaClients.consumer(config);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-marketing-timeline");
    this.topic = config.topics().of(Topics.OFFER_OUTCOMES);
  }

  void readAll(Consumer<OfferOutcome> each) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      WholeTopic.readToEnd(consumer, topic, record -> {
        if (record.value() != null) {
          each.accept(Topics.OFFER_OUTCOMES.valueSerde().decode(record.value()));
        }
      });
    }
  }
}
