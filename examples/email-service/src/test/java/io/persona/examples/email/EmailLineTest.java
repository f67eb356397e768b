package io.persona.examples.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailLineTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(nullValues = "null", value = {
      "PERCENT_OFF,       20,   'To c-123: 20% off Garden tools, until 2026-12-08 (ref e-1)'",
      "PERCENT_OFF,       12.5, 'To c-123: 12.5% off Garden tools, until 2026-12-08 (ref e-1)'",
      "AMOUNT_OFF,        5,    'To c-123: 5.00 off Garden tools, until 2026-12-08 (ref e-1)'",
      "POINTS_MULTIPLIER, 3,    'To c-123: 3x points on Garden tools, until 2026-12-08 (ref e-1)'",
      "FREE_SHIPPING,     0,    'To c-123: free shipping on Garden tools, until 2026-12-08 (ref e-1)'",
      "UNKNOWN,           null, 'To c-123: Garden tools, until 2026-12-08 (ref e-1)'"})
  void shouldWordTheRewardAsTheCatalogDefinesTheDiscount(String kind, Double discount, String line) {
    Offer offer = new Offer("e-1", "c-123", "o-garden", "EMAIL", "Garden tools", kind, discount,
        Instant.parse("2026-12-08T09:00:00Z"));

    assertThat(EmailLine.of(offer)).isEqualTo(line);
  }

  @Test
  void shouldNameTheOfferByItsIdWhenAnOlderPersonaWroteItWithoutAName() {
    Offer older = new Offer("e-1", "c-123", "o-garden", "EMAIL", null, "UNKNOWN", null,
        Instant.parse("2026-12-08T23:59:00Z"));

    assertThat(EmailLine.of(older)).isEqualTo("To c-123: offer o-garden, until 2026-12-08 (ref e-1)");
  }
}
