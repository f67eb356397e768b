package io.persona.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.persona.avro.Channel;
import io.persona.serve.CustomerRequest.Asked;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerRequestTest {
  @Test
  void shouldAskForTheTopTenEmailOffersByDefault() {
    assertThat(CustomerRequest.of("offers", Map.of()))
        .isEqualTo(new CustomerRequest(Asked.OFFERS, 10, Channel.EMAIL, false));
  }

  @Test
  void shouldReadTheListTheChannelInAnyCaseAndK() {
    assertThat(CustomerRequest.of("offers", Map.of("list", "discover", "channel", "Sms", "k", "100")))
        .isEqualTo(new CustomerRequest(Asked.OFFERS, 100, Channel.SMS, true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"profile", "consent"})
  void shouldIgnoreTheQueryOfARequestThatIsNotForOffers(String what) {
    assertThat(CustomerRequest.of(what, Map.of("k", "nonsense")).asked())
        .isEqualTo(Asked.valueOf(what.toUpperCase(Locale.ROOT)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "list    | best    | list must be top or discover",
      "k       | 0       | k must be a whole number from 1 to 100",
      "k       | 101     | k must be a whole number from 1 to 100",
      "k       | ten     | k must be a whole number from 1 to 100",
      "channel | fax     | channel must be one of email, sms, push, ad, web, pos",
      "channel | unknown | channel must be one of email, sms, push, ad, web, pos"})
  void shouldRefuseAMalformedOffersQueryNamingTheParameter(String name, String value, String message) {
    assertThatThrownBy(() -> CustomerRequest.of("offers", Map.of(name, value)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
