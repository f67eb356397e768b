package io.persona.profile;

import io.persona.avro.CustomerProfile;

/** A profile just changed: the change, and the profile after it, which offer decisions read from here. */
public record ProfileUpdate(ProfileChange change, CustomerProfile profile) {}
