package io.persona.examples.email;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;

/**
 * Reads an offer written with {@code output.format=avro} (single-object encoding: marker, schema fingerprint, body),
 * with nothing but Avro and the published schemas: every released version of PersonalizedOffer, so an offer written
 * by any Persona release resolves against the newest this service knows.
 */
public final class AvroOffers {
  private final BinaryMessageDecoder<GenericRecord> decoder;

  private AvroOffers(List<Schema> released) {
    SchemaStore.Cache store = new SchemaStore.Cache();
    released.forEach(store::addSchema);
    decoder = new BinaryMessageDecoder<>(GenericData.get(), released.get(released.size() - 1), store);
  }

  /** @param releasedDir Persona's {@code schemas/released/PersonalizedOffer} folder (v1.avsc, v2.avsc, ...) */
  public static AvroOffers from(Path releasedDir) throws IOException {
    try (Stream<Path> files = Files.list(releasedDir)) {
      List<Path> versions = files.filter(f -> f.getFileName().toString().matches("v\\d+\\.avsc"))
          .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
      if (versions.isEmpty()) {
        throw new IOException("no v<N>.avsc in " + releasedDir);
      }
      List<Schema> schemas = new ArrayList<>();
      for (Path file : versions) {
        schemas.add(new Schema.Parser().parse(Files.readString(file)));
      }
      return new AvroOffers(schemas);
    }
  }

  public Offer parse(byte[] value) throws IOException {
    GenericRecord record = decoder.decode(value);
    Object discount = value(record, "discountValue");
    return new Offer(text(record, "offerEventId"), text(record, "customerId"), text(record, "offerId"),
        text(record, "channel"), text(record, "offerName"), text(record, "offerKind"),
        discount == null ? null : ((Number) discount).doubleValue(),
        Instant.ofEpochMilli((Long) record.get("expiresAt")));
  }

  private static String text(GenericRecord record, String field) {
    Object value = value(record, field);
    return value == null ? null : value.toString();
  }

  /** Null for a field this service's newest schema does not have yet. */
  private static Object value(GenericRecord record, String field) {
    return record.getSchema().getField(field) == null ? null : record.get(field);
  }

  private static int version(Path file) {
    String name = file.getFileName().toString();
    return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
  }
}
