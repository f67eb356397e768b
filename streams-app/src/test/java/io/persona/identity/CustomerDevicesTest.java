package io.persona.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.ClickEvent;
import io.persona.avro.CustomerLinks;
import io.persona.testkit.TestEvents;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CustomerDevicesTest {
  private static ClickEvent click(String anonymousId, String sessionId) {
    ClickEvent click = TestEvents.click("e-1", anonymousId, "c-1", TestEvents.T0);
    click.setSessionId(sessionId);
    return click;
  }

  @Test
  void shouldAnnounceTheFirstClickOfEachDeviceAndSessionOnly() {
    assertThat(CustomerDevices.isNewLogin(null, click("phone", "s-1"))).isTrue();
    CustomerLinks links = CustomerDevices.withLogin("c-1", null, click("phone", "s-1"));

    assertThat(CustomerDevices.isNewLogin(links, click("phone", "s-1"))).isFalse();
    assertThat(CustomerDevices.isNewLogin(links, click("phone", "s-2"))).isTrue();
    assertThat(CustomerDevices.isNewLogin(links, click("laptop", "s-1"))).isTrue();
  }

  @Test
  void shouldRememberEachLinkedDeviceOnceAndDropTheOldestBeyondTheBound() {
    CustomerLinks links = CustomerDevices.withLogin("c-1", null, click("phone", "s-1"));
    links = CustomerDevices.withLogin("c-1", links, click("laptop", "s-2"));
    links = CustomerDevices.withLogin("c-1", links, click("phone", "s-3"));
    assertThat(links.getAnonymousIds()).containsExactly("phone", "laptop");
    assertThat(links.getLastLoginAnonymousId()).isEqualTo("phone");
    assertThat(links.getLastLoginSessionId()).isEqualTo("s-3");

    for (int i = 0; i < CustomerDevices.MAX_LINKS; i++) {
      links = CustomerDevices.withLink("c-1", links, "device-" + i);
    }
    List<String> expected = IntStream.range(0, CustomerDevices.MAX_LINKS).mapToObj(i -> "device-" + i).toList();
    assertThat(links.getAnonymousIds()).containsExactlyElementsOf(expected);
  }
}
