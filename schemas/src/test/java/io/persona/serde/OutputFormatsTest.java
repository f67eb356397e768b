package io.persona.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.persona.avro.Channel;
import io.persona.avro.ExperimentArm;
import io.persona.avro.OfferKind;
import io.persona.avro.OfferTrigger;
import io.persona.avro.PersonalizedOffer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The three output formats of an offer, and the reader that tells them apart. */
class OutputFormatsTest {
  private static final String TOPIC = "personalized-offers";
  private static final PersonalizedOffer OFFER = PersonalizedOffer.newBuilder()
      .setOfferEventId("eb2f3ce7-e987-360e-b024-4b8456dd4dc2").setCustomerId("c-123").setOfferId("o-garden")
      .setChannel(Channel.EMAIL).setTrigger(OfferTrigger.CART_ABANDONMENT).setScore(0.42)
      .setReasonCodes(List.of("cart:product=p-rake")).setExperimentArm(ExperimentArm.TREATMENT)
      .setCreatedAt(Instant.parse("2026-12-01T09:00:00Z")).setExpiresAt(Instant.parse("2026-12-08T09:00:00Z"))
      .setOfferName("Garden tools").setOfferKind(OfferKind.PERCENT_OFF).setDiscountValue(20.0)
      .build();

  @Test
  void shouldWriteJsonAsPersonaConsumePrintsItAndReadItBack() {
    JsonRecordSerde<PersonalizedOffer> json = JsonRecordSerde.of(PersonalizedOffer.class);

    byte[] bytes = json.serializer().serialize(TOPIC, OFFER);

    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(JsonAvro.toJson(OFFER))
        .contains("\"offerName\":\"Garden tools\"", "\"offerKind\":\"PERCENT_OFF\"", "\"discountValue\":20.0",
            "\"expiresAt\":\"2026-12-08T09:00:00Z\"");
    assertThat(json.deserializer().deserialize(TOPIC, bytes)).isEqualTo(OFFER);
  }

  @Test
  void shouldIgnoreFieldsANewerWriterAddedWhenReadingJson() {
    String newer = JsonAvro.toJson(OFFER).replaceFirst("\\{", "{\"loyaltyTier\":\"gold\",");

    assertThat(JsonRecordSerde.of(PersonalizedOffer.class).decode(newer.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(OFFER);
  }

  @Test
  void shouldNameTheMissingFieldButNotTheContentWhenJsonDoesNotFit() {
    String withoutCustomer = JsonAvro.toJson(OFFER).replace("\"customerId\":\"c-123\",", "");

    assertThatThrownBy(() -> JsonRecordSerde.of(PersonalizedOffer.class)
        .decode(withoutCustomer.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot decode PersonalizedOffer as JSON")
        .hasMessageContaining("field 'customerId': missing required field")
        .hasMessageNotContaining("o-garden");
  }

  @Test
  void shouldFrameForARegistryAsApicurioDoesAndReadBackWithApicuriosDeserializer() throws Exception {
    InMemoryRegistry registry = new InMemoryRegistry();
    byte[] bytes;
    try (RegistrySerde<PersonalizedOffer> writer = RegistrySerde.through(registry, "http://registry.invalid")) {
      bytes = writer.serializer().serialize(TOPIC, new RecordHeaders(), OFFER);
    }

    assertThat(registry.registrations).as("auto-registered under the topic's value artifact")
        .containsExactly("default/" + TOPIC + "-value");
    assertThat(new Schema.Parser().parse(registry.contents.get(0)).getFields())
        .isEqualTo(PersonalizedOffer.getClassSchema().getFields());
    assertThat(bytes[0]).as("magic byte").isZero();
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).as("content id").isEqualTo(1);
    assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).as("plain Avro body").isEqualTo(avroBody(OFFER));
    try (RegistrySerde<PersonalizedOffer> reader = RegistrySerde.through(registry, "http://registry.invalid")) {
      assertThat(reader.deserializer().deserialize(TOPIC, new RecordHeaders(), bytes)).isEqualTo(OFFER);
    }
  }

  @Test
  void shouldFailTheWriteWhenTheRegistryCannotBeReachedRatherThanDropTheOffer() {
    try (RegistrySerde<PersonalizedOffer> serde = RegistrySerde.at("http://127.0.0.1:9/apis/registry/v3")) {
      assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, new RecordHeaders(), OFFER))
          .isInstanceOf(RuntimeException.class);
    }
  }

  @Test
  void shouldReadAnOutputWhicheverFormatWroteIt() {
    InMemoryRegistry registry = new InMemoryRegistry();
    RegistrySerde<PersonalizedOffer> framed = RegistrySerde.through(registry, "http://registry.invalid");
    OutputReader<PersonalizedOffer> reader = new OutputReader<>(PersonalizedOffer.class, framed.deserializer());

    assertThat(List.of(
        AvroSerde.of(PersonalizedOffer.class).encode(OFFER),
        JsonRecordSerde.of(PersonalizedOffer.class).encode(OFFER),
        framed.serializer().serialize(TOPIC, new RecordHeaders(), OFFER)))
        .allSatisfy(bytes -> assertThat(reader.deserialize(TOPIC, new RecordHeaders(), bytes)).isEqualTo(OFFER));
  }

  @Test
  void shouldAskForTheRegistryUrlWhenARegistryFramedOfferArrivesWithoutOne() {
    byte[] framed = RegistrySerde.<PersonalizedOffer>through(new InMemoryRegistry(), "http://registry.invalid")
        .serializer().serialize(TOPIC, new RecordHeaders(), OFFER);

    assertThatThrownBy(() -> new OutputReader<>(PersonalizedOffer.class, null).deserialize(TOPIC, framed))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("framed for a schema registry: set output.registry.url");
  }

  private static byte[] avroBody(PersonalizedOffer offer) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(PersonalizedOffer.class).write(offer, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
