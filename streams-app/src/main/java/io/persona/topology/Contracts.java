package io.persona.topology;

import io.persona.avro.ConsentState;
import io.persona.avro.CustomerLinks;
import io.persona.avro.CustomerOfferState;
import io.persona.avro.IdentityState;
import io.persona.avro.LedgerEntry;
import io.persona.avro.ProfileDelta;
import io.persona.avro.RecentEventIds;
import io.persona.serde.SchemaCompatibilityGate.Compatibility;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every record type the app writes to Kafka: topic values, and the values of internal topics (changelogs,
 * repartition topics). Each keeps its released versions, so the compatibility gate covers them all.
 */
public final class Contracts {
  public static final List<Class<? extends SpecificRecord>> VERSIONED_TYPES = Stream.concat(
          Topics.EVENT_TOPICS.stream().map(Topic::valueType),
          Stream.of(IdentityState.class, ProfileDelta.class, RecentEventIds.class, CustomerOfferState.class,
              LedgerEntry.class, ConsentState.class, CustomerLinks.class))
      .toList();

  private Contracts() {}

  /** FULL for the values of topics other services read, BACKWARD for inputs and internal types. */
  public static Compatibility compatibility(Class<? extends SpecificRecord> type) {
    return Topics.OUTPUT_TOPICS.stream().anyMatch(topic -> topic.valueType().equals(type)) ? Compatibility.FULL
        : Compatibility.BACKWARD;
  }

  public static Schema schema(Class<? extends SpecificRecord> type) {
    return SpecificData.get().getSchema(type);
  }
}
