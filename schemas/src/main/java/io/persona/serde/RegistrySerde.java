package io.persona.serde;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro framed for a schema registry, through Apicurio's own serde: byte 0, the 4-byte content id of the writer's
 * schema, then the Avro body. The schema is registered on first use under {@code <topic>-value} (Apicurio's
 * TopicIdStrategy), so any registry-aware consumer finds it.
 */
public final class RegistrySerde<T extends SpecificRecord> implements Serde<T> {
  private final AvroKafkaSerializer<T> serializer;
  private final AvroKafkaDeserializer<T> deserializer;

  private RegistrySerde(AvroKafkaSerializer<T> serializer, AvroKafkaDeserializer<T> deserializer, String url) {
    Map<String, Object> settings = settings(url);
    serializer.configure(settings, false);
    deserializer.configure(settings, false);
    this.serializer = serializer;
    this.deserializer = deserializer;
  }

  /** Talks to the registry at {@code url} (for example http://registry:8080/apis/registry/v3). */
  public static <T extends SpecificRecord> RegistrySerde<T> at(String url) {
    return new RegistrySerde<>(new AvroKafkaSerializer<>(), new AvroKafkaDeserializer<>(), url);
  }

  /** Talks to the registry through {@code client}, Apicurio's own seam for its registry client. */
  static <T extends SpecificRecord> RegistrySerde<T> through(RegistryClientFacade client, String url) {
    return new RegistrySerde<>(new AvroKafkaSerializer<>(client), new AvroKafkaDeserializer<>(client), url);
  }

  /**
   * The settings Persona gives Apicurio's serde: the id travels in the value, not in a header, and the schema is
   * registered whole (its enums inline) rather than as an artifact per nested type, so that a consumer that knows
   * nothing of Apicurio's references can use it.
   */
  static Map<String, Object> settings(String url) {
    return Map.of(
        SchemaResolverConfig.REGISTRY_URL, url,
        SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true,
        SchemaResolverConfig.DEREFERENCE_SCHEMA, true,
        KafkaSerdeConfig.ENABLE_HEADERS, false,
        AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
