package io.persona.identity;

import java.time.Duration;

/**
 * How anonymous ids are linked to customers.
 *
 * @param maxCustomersPerDevice links beyond this many customers on one anonymous id are refused (shared devices)
 * @param linkTtl a linked anonymous id with no activity for this long is forgotten
 * @param anonymousTtl an anonymous id never linked, with no activity for this long, is forgotten with its profile
 * @param anonymousMaxEntries size of each affinity map of an anonymous profile
 */
public record IdentitySettings(int maxCustomersPerDevice, Duration linkTtl, Duration anonymousTtl,
    int anonymousMaxEntries) {}
