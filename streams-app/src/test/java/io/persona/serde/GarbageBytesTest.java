package io.persona.serde;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.persona.avro.ClickEvent;
import io.persona.testkit.TestEvents;
import io.persona.topology.Topics;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.SystemLimitException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Whatever arrives on a topic, decoding ends in a clear SerializationException: no NPE, no OOM, no hang. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GarbageBytesTest {
  private final AvroSerde<ClickEvent> serde = Topics.CLICKSTREAM.valueSerde();
  private final byte[] valid = serde.encode(TestEvents.click("e-1", "anon-1", "c-1", TestEvents.T0));

  @Test
  void shouldRejectAnEmptyValue() {
    assertThatThrownBy(() -> serde.decode(new byte[0]))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("empty value");
  }

  @Test
  void shouldRejectBytesWithoutTheSingleObjectMarker() {
    assertThatThrownBy(() -> serde.decode("{\"eventId\":\"e-1\"}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("ClickEvent");
  }

  @Test
  void shouldRejectAnUnknownSchemaFingerprintNamingIt() {
    byte[] wrongFingerprint = valid.clone();
    ByteBuffer.wrap(wrongFingerprint, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1234_5678_9abc_def0L);

    assertThatThrownBy(() -> serde.decode(wrongFingerprint))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("fingerprint");
  }

  @Test
  void shouldRejectEveryTruncationOfAValidRecord() {
    for (int length = 1; length < valid.length; length++) {
      byte[] truncated = Arrays.copyOf(valid, length);
      assertThatThrownBy(() -> serde.decode(truncated)).isInstanceOf(SerializationException.class);
    }
  }

  @Test
  void shouldNeverFailOtherwiseOnRandomBytes() {
    qt().withExamples(20_000).forAll(bytes(0, 200)).checkAssert(this::decodeOrSerializationException);
  }

  @Test
  void shouldCapAvroLengthsWhateverLoadedAvroFirst() {
    // Once, another test had loaded Avro's limits class before they were set, and a random body behind a valid
    // header allocated the heap away (QuickTheories seed 6155281625123). The limits are now re-read when set.
    AvroSafety.install();

    assertThatThrownBy(() -> SystemLimitException.checkMaxStringLength(AvroSafety.MAX_LENGTH + 1L))
        .isInstanceOf(SystemLimitException.class);
    assertThatThrownBy(() -> SystemLimitException.checkMaxCollectionLength(AvroSafety.MAX_LENGTH + 1L))
        .isInstanceOf(SystemLimitException.class);
  }

  @Test
  void shouldNeverFailOtherwiseOnARandomBodyBehindAValidHeader() {
    // The hard case: marker and fingerprint are right, so the decoder trusts the lengths in the body.
    qt().withExamples(20_000).forAll(bytes(0, 200)).checkAssert(body -> {
      byte[] record = new byte[10 + body.length];
      System.arraycopy(valid, 0, record, 0, 10);
      System.arraycopy(body, 0, record, 10, body.length);
      decodeOrSerializationException(record);
    });
  }

  private void decodeOrSerializationException(byte[] bytes) {
    try {
      serde.decode(bytes);
    } catch (SerializationException expected) {
      // the only failure allowed
    }
  }

  private static org.quicktheories.core.Gen<byte[]> bytes(int min, int max) {
    return lists().of(integers().between(-128, 127)).ofSizeBetween(min, max).map(GarbageBytesTest::toBytes);
  }

  private static byte[] toBytes(List<Integer> values) {
    byte[] bytes = new byte[values.size()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = values.get(i).byteValue();
    }
    return bytes;
  }
}
