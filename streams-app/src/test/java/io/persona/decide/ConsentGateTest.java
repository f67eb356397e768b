package io.persona.decide;

import static io.persona.testkit.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.Channel;
import io.persona.avro.ChannelConsent;
import io.persona.avro.ConsentState;
import io.persona.avro.OfferTrigger;
import io.persona.config.ConfigLoader;
import io.persona.privacy.Consents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsentGateTest {
  private static final OfferSettings SETTINGS = ConfigLoader.load(Map.of(), null).offers();
  private static final ConsentGate GATE = new ConsentGate(SETTINGS, new Consents(Map.of()));

  @Test
  void shouldOpenOnlyForTheChannelTheCustomerConsentedTo() {
    Channel cartChannel = SETTINGS.channelOf(OfferTrigger.CART_ABANDONMENT);
    ConsentState consent = new ConsentState("c-1", List.of(new ChannelConsent(cartChannel, true, T0)));

    assertThat(GATE.opens(OfferTrigger.CART_ABANDONMENT, () -> consent, T0)).isTrue();
    assertThat(GATE.opens(OfferTrigger.CART_ABANDONMENT, () -> consent, T0.minusSeconds(1))).as("not yet given").isFalse();
    assertThat(GATE.opens(OfferTrigger.INTEREST_SPIKE, () -> consent, T0)).as("another channel").isFalse();
  }

  @Test
  void shouldStayClosedForACustomerWhoNeverConsentedByDefault() {
    assertThat(GATE.opens(OfferTrigger.CART_ABANDONMENT, () -> null, T0)).isFalse();
  }

  @Test
  void shouldStayClosedForATriggerThatIsOffWhateverTheConsent() {
    OfferSettings off = ConfigLoader.load(Map.of("PERSONA_OFFERS_TRIGGER_DIGEST_CHANNEL", "off"), null).offers();
    ConsentGate gate = new ConsentGate(off, new Consents(Map.of(Channel.EMAIL, true)));

    assertThat(gate.opens(OfferTrigger.DIGEST, () -> {
      throw new AssertionError("a trigger that is off reads no consent");
    }, T0)).isFalse();
  }
}
