package io.persona.examples.email;

import java.time.Instant;

/**
 * The fields of a PersonalizedOffer an email needs. {@code offerName}, {@code offerKind} and {@code discountValue}
 * came with PersonalizedOffer v2: in older offers they are null, "UNKNOWN" and null.
 */
public record Offer(String offerEventId, String customerId, String offerId, String channel, String offerName,
    String offerKind, Double discountValue, Instant expiresAt) {}
