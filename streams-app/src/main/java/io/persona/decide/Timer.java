package io.persona.decide;

import java.time.Instant;

/**
 * A due reminder: look at {@code customerId} for {@code kind} as of {@code due}. It is not a promise: the state it is
 * about decides whether it still applies.
 */
public record Timer(Instant due, TimerKind kind, String customerId) {}
