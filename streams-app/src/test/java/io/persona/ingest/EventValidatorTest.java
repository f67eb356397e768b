package io.persona.ingest;

import static io.persona.testkit.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.ClickEvent;
import io.persona.avro.ClickEventType;
import io.persona.avro.LineItem;
import io.persona.avro.PosTransaction;
import io.persona.testkit.TestEvents;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventValidatorTest {
  private static final EventValidator VALIDATOR = new EventValidator(Duration.ofDays(1), Duration.ofDays(7));
  private static final long NOW = T0.toEpochMilli();

  static Stream<Arguments> badClicks() {
    return Stream.of(
        bad("negative price", c -> c.setPrice(-1.0), "price"),
        bad("NaN price", c -> c.setPrice(Double.NaN), "price"),
        bad("zero quantity", c -> c.setQuantity(0), "quantity"),
        bad("unknown type", c -> c.setType(ClickEventType.UNKNOWN), "UNKNOWN"),
        bad("blank session", c -> c.setSessionId(" "), "sessionId"),
        bad("blank customer", c -> c.setCustomerId(""), "customerId"),
        bad("far future", c -> c.setEventTime(T0.plus(Duration.ofDays(3))), "ahead of its arrival"),
        bad("too late", c -> c.setEventTime(T0.minus(Duration.ofDays(8))), "grace period"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badClicks")
  void shouldRejectAnAbsurdClickNamingTheRule(String why, Consumer<ClickEvent> spoil, String reason) {
    ClickEvent click = TestEvents.click("e-1", "anon-1", "c-1", T0);
    spoil.accept(click);

    assertThat(VALIDATOR.check("anon-1", click, NOW, NOW)).hasValueSatisfying(r -> assertThat(r).contains(reason));
  }

  @Test
  void shouldAcceptAValidClickAndOneWithinTheGracePeriod() {
    assertThat(VALIDATOR.check("anon-1", TestEvents.click("e-1", "anon-1", null, T0), NOW, NOW)).isEmpty();
    ClickEvent late = TestEvents.click("e-2", "anon-1", null, T0.minus(Duration.ofDays(6)));
    assertThat(VALIDATOR.check("anon-1", late, late.getEventTime().toEpochMilli(), NOW)).isEmpty();
  }

  @Test
  void shouldAcceptAClickKeyedByItsCustomerOrItsDeviceAndRejectAnyOtherKey() {
    ClickEvent loggedIn = TestEvents.click("e-1", "anon-1", "c-1", T0);
    assertThat(VALIDATOR.check("c-1", loggedIn, NOW, NOW)).isEmpty();
    assertThat(VALIDATOR.check("anon-1", loggedIn, NOW, NOW)).isEmpty();
    assertThat(VALIDATOR.check("c-2", loggedIn, NOW, NOW)).hasValueSatisfying(r -> assertThat(r).contains("key"));
    assertThat(VALIDATOR.check("anon-2", TestEvents.click("e-2", "anon-1", null, T0), NOW, NOW))
        .hasValueSatisfying(r -> assertThat(r).contains("key"));
    assertThat(VALIDATOR.check(null, TestEvents.click("e-3", "anon-1", null, T0), NOW, NOW))
        .hasValueSatisfying(r -> assertThat(r).contains("key"));
  }

  @Test
  void shouldRejectABasketLineWithZeroQuantityButAcceptAReturn() {
    PosTransaction zero = TestEvents.basket("t-1", "c-1", T0, 10.0);
    zero.getLineItems().get(0).setQuantity(0);
    PosTransaction returned = TestEvents.basket("t-2", "c-1", T0, 10.0);
    returned.getLineItems().get(0).setQuantity(-1);
    returned.setTotal(-10.0);

    assertThat(VALIDATOR.check("c-1", zero, NOW, NOW)).hasValue("lineItems[0].quantity must not be 0 (negative is a return)");
    assertThat(VALIDATOR.check("c-1", returned, NOW, NOW)).isEmpty();
  }

  @Test
  void shouldRejectANaNTotalAndANegativeUnitPrice() {
    PosTransaction nan = TestEvents.basket("t-1", "c-1", T0, Double.NaN);
    PosTransaction negative = TestEvents.basket("t-2", "c-1", T0, 10.0);
    negative.setLineItems(List.of(LineItem.newBuilder(negative.getLineItems().get(0)).setUnitPrice(-2.0).build()));

    assertThat(VALIDATOR.check("c-1", nan, NOW, NOW)).hasValueSatisfying(r -> assertThat(r).contains("total"));
    assertThat(VALIDATOR.check("c-1", negative, NOW, NOW)).hasValueSatisfying(r -> assertThat(r).contains("unitPrice"));
  }

  private static Arguments bad(String why, Consumer<ClickEvent> spoil, String reason) {
    return Arguments.of(why, spoil, reason);
  }
}
