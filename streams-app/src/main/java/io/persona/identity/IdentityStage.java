package io.persona.identity;

import io.persona.avro.ClickEvent;
import io.persona.avro.ProfileDelta;
import io.persona.config.PersonaConfig;
import io.persona.profile.ProfileChange;
import io.persona.serde.AvroSerde;
import io.persona.topology.StoreNames;
import io.persona.topology.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * identity: a device-keyed click, and the first click of a device and session of a logged-in customer (the login),
 * go through identity resolution and cross the one repartition to their customer's task.
 */
public final class IdentityStage {
  private IdentityStage() {}

  /** Logins seen on customer-keyed clicks, to the device's identity task. */
  public static KStream<String, DeviceClick> logins(KStream<String, ClickEvent> customerClicks, PersonaConfig config) {
    return customerClicks
        .process(new AnnounceLoginsProcessor.Supplier(), Named.as("announce-logins"))
        .repartition(Repartitioned.with(Serdes.String(), Topics.CLICKSTREAM.valueSerde()).withName("identity-logins")
            .withNumberOfPartitions(config.topicPartitions()))
        .mapValues(click -> new DeviceClick(click, true), Named.as("login-to-device-click"));
  }

  /** Device-keyed clicks and announced logins, resolved and re-keyed to their customer. */
  public static KStream<String, ProfileChange> resolve(KStream<String, ClickEvent> deviceKeyed,
      KStream<String, DeviceClick> logins, PersonaConfig config) {
    return deviceKeyed
        .mapValues(click -> new DeviceClick(click, false), Named.as("click-to-device-click"))
        .merge(logins, Named.as("merge-device-clicks"))
        .process(new ResolveIdentityProcessor.Supplier(
            new IdentityResolver(config.identity(), config.profile()), config.expiryScanInterval()),
            Named.as("resolve-identity"))
        .repartition(Repartitioned.with(Serdes.String(), AvroSerde.of(ProfileDelta.class)).withName("profile-deltas")
            .withNumberOfPartitions(config.topicPartitions()))
        .split(Named.as("profile-deltas-"))
        .branch((customerId, delta) -> delta.getLinkedAnonymousId() != null, Branched.withConsumer(links -> links
            .process(RememberLinksProcessor::new, Named.as("remember-links"), StoreNames.CUSTOMER_LINKS), "links"))
        .defaultBranch(Branched.as("changes"))
        .get("profile-deltas-changes")
        .mapValues(IdentityStage::toChange, Named.as("delta-to-change"));
  }

  /** An erased customer's cookies, unlinked in the identity tasks that own them. */
  public static void unlink(KStream<String, String> erasedCustomers, PersonaConfig config) {
    erasedCustomers
        .repartition(Repartitioned.with(Serdes.String(), Serdes.String()).withName("identity-erasures")
            .withNumberOfPartitions(config.topicPartitions()))
        .process(() -> new UnlinkIdentityProcessor(new IdentityResolver(config.identity(), config.profile())),
            Named.as("unlink-identity"), StoreNames.IDENTITY, StoreNames.IDENTITY_EXPIRY);
  }

  private static ProfileChange toChange(ProfileDelta delta) {
    return delta.getClick() != null ? new ProfileChange.Click(delta.getClick())
        : new ProfileChange.Fold(delta.getAnonymousActivity());
  }
}
