package io.persona.privacy;

import io.persona.avro.ConsentState;
import io.persona.decide.StableHash;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * After an erasure request, the customer's later events start a fresh profile only once consent allows it: a
 * suppression marker, keyed by a hash of the customer id (never the id), holds them back until the customer grants
 * consent for some channel again. Checked only when a customer has no profile, so it costs nothing per event.
 */
public final class ErasureGate {
  private final KeyValueStore<String, byte[]> markers;
  private final KeyValueStore<String, ConsentState> consentStates;
  private final Consents consents;

  public ErasureGate(KeyValueStore<String, byte[]> markers, KeyValueStore<String, ConsentState> consentStates,
      Consents consents) {
    this.markers = markers;
    this.consentStates = consentStates;
    this.consents = consents;
  }

  /** Whether a first event of {@code customerId} at {@code at} may start a profile; a consent lifts the marker. */
  public boolean admits(String customerId, Instant at) {
    String marker = markerOf(customerId);
    if (markers.get(marker) == null) {
      return true;
    }
    if (!consents.allowsAny(consentStates.get(customerId), at)) {
      return false;
    }
    markers.delete(marker);
    return true;
  }

  /** Holds back the later events of a customer erased on request, until they consent again. */
  static void mark(KeyValueStore<String, byte[]> markers, String customerId, Instant erasedAt) {
    markers.put(markerOf(customerId), ByteBuffer.allocate(Long.BYTES).putLong(erasedAt.toEpochMilli()).array());
  }

  static String markerOf(String customerId) {
    return StableHash.uuid("erased", customerId).toString();
  }
}
