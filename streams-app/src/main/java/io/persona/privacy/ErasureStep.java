package io.persona.privacy;

import io.persona.avro.ErasureReceipt;

/** What erasing one customer sends on, besides deleting their entries in the stores of their task. */
public sealed interface ErasureStep {
  /** A tombstone for a compacted topic: the customer's latest value there is deleted too. */
  record Tombstone(String topic, String key) implements ErasureStep {}

  /** The link of an anonymous id to the customer, to remove in identity-store (another task owns the id). */
  record Unlink(String anonymousId, String customerId) implements ErasureStep {}

  /** The receipt: when, and which stores. */
  record Receipt(ErasureReceipt receipt) implements ErasureStep {}
}
