package io.persona.profile;

import io.persona.avro.CustomerProfile;

/**
 * A profile just changed: the change, the profile after it, and its encoding (published and stored as it is).
 * Offer decisions read the profile from here, so it is decoded once per event, not twice.
 */
public record ProfileUpdate(ProfileChange change, CustomerProfile profile, byte[] encoded) {}
