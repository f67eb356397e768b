package io.persona.identity;

import static io.persona.testkit.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.ClickEvent;
import io.persona.avro.IdentityState;
import io.persona.config.ConfigLoader;
import io.persona.identity.IdentityResolver.Resolution;
import io.persona.testkit.TestEvents;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityResolverTest {
  private final IdentityResolver resolver = new IdentityResolver(
      new IdentitySettings(2, Duration.ofDays(180), Duration.ofDays(30), 5),
      ConfigLoader.load(Map.of(), null).profile());

  @Test
  void shouldBuildAnAnonymousProfileUntilTheVisitorLogsIn() {
    Resolution first = resolver.resolve(null, click("e-1", null, 0));

    assertThat(first.customerId()).isNull();
    assertThat(first.state().getAnonymousProfile().getEventCount()).isEqualTo(1);
  }

  @Test
  void shouldHandOverTheAnonymousActivityOnceAtTheLink() {
    IdentityState anonymous = resolver.resolve(null, click("e-1", null, 0)).state();

    Resolution login = resolver.resolve(anonymous, click("e-2", "c-1", 1));
    Resolution again = resolver.resolve(login.state(), click("e-3", "c-1", 2));

    assertThat(login.customerId()).isEqualTo("c-1");
    assertThat(login.folded().getEventCount()).isEqualTo(1);
    assertThat(login.state().getAnonymousProfile()).isNull();
    assertThat(again.folded()).isNull();
  }

  @Test
  void shouldCountLaterAnonymousClicksForTheCustomerLastLoggedIn() {
    IdentityState linked = resolver.resolve(null, click("e-1", "c-1", 0)).state();

    assertThat(resolver.resolve(linked, click("e-2", null, 1)).customerId()).isEqualTo("c-1");
  }

  @Test
  void shouldRefuseALinkBeyondTheCapButStillCountTheNamedCustomersClick() {
    IdentityState state = resolver.resolve(null, click("e-1", "c-1", 0)).state();
    state = resolver.resolve(state, click("e-2", "c-2", 1)).state();

    Resolution third = resolver.resolve(state, click("e-3", "c-3", 2));

    assertThat(third.linkRefused()).isTrue();
    assertThat(third.customerId()).isEqualTo("c-3");
    assertThat(third.state().getLinkedCustomerIds()).containsExactly("c-1", "c-2");
  }

  @Test
  void shouldCountAnonymousClicksOnASharedDeviceForNobodyUntilALinkedCustomerLogsInAgain() {
    IdentityState state = resolver.resolve(null, click("e-1", "c-1", 0)).state();
    state = resolver.resolve(state, click("e-2", "c-2", 1)).state();
    state = resolver.resolve(state, click("e-3", "c-3", 2)).state();

    Resolution unknown = resolver.resolve(state, click("e-4", null, 3));
    Resolution back = resolver.resolve(resolver.resolve(unknown.state(), click("e-5", "c-1", 4)).state(),
        click("e-6", null, 5));

    assertThat(unknown.customerId()).isNull();
    assertThat(unknown.state().getAnonymousProfile()).isNull();
    assertThat(back.customerId()).isEqualTo("c-1");
  }

  @Test
  void shouldSkipARetriedClick() {
    IdentityState state = resolver.resolve(null, click("e-1", "c-1", 0)).state();

    assertThat(resolver.resolve(state, click("e-1", "c-1", 0)).duplicate()).isTrue();
  }

  @Test
  void shouldExpireAnonymousIdsSoonerThanLinkedOnes() {
    IdentityState anonymous = resolver.resolve(null, click("e-1", null, 0)).state();
    IdentityState linked = resolver.resolve(null, click("e-1", "c-1", 0)).state();

    assertThat(resolver.expired(anonymous, T0.plus(Duration.ofDays(31)))).isTrue();
    assertThat(resolver.expired(linked, T0.plus(Duration.ofDays(31)))).isFalse();
    assertThat(resolver.expired(linked, T0.plus(Duration.ofDays(181)))).isTrue();
  }

  private static ClickEvent click(String eventId, String customerId, int minutes) {
    return TestEvents.click(eventId, "anon-1", customerId, T0.plus(Duration.ofMinutes(minutes)));
  }
}
