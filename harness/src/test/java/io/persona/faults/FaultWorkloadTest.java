package io.persona.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.config.ConfigLoader;
import io.persona.faults.FaultWorkload.Input;
import io.persona.faults.FaultWorkload.Pill;
import io.persona.topology.Topics;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultWorkloadTest {
  private final List<Input> inputs = new FaultWorkload(3, 5_000, 50, 10).inputs();

  @Test
  void shouldMakeTheSameInputForTheSameSeed() {
    List<Input> again = new FaultWorkload(3, 5_000, 50, 10).inputs();

    assertThat(again).hasSameSizeAs(inputs);
    for (int i = 0; i < inputs.size(); i++) {
      assertThat(again.get(i).value()).isEqualTo(inputs.get(i).value());
    }
  }

  @Test
  void shouldMixInEveryKindOfMalformedRecordThatNoDeserializerAccepts() {
    List<Input> pills = inputs.stream().filter(input -> !input.valid()).toList();

    assertThat(pills).hasSize(10);
    assertThat(pills).extracting(Input::pill).containsAll(List.of(Pill.values()));
    for (Input pill : pills) {
      if (pill.pill() == Pill.NULL_KEY) {
        assertThat(pill.key()).isNull();
      } else {
        assertThat(decodes(pill)).as(pill.pill().name()).isFalse();
      }
    }
  }

  @Test
  void shouldSendEachCustomerThroughOneTopicOnly() {
    Map<String, String> topicOf = new HashMap<>();
    for (Input input : inputs) {
      if (input.valid()) {
        String customer = input.click() != null ? input.click().getCustomerId() : input.basket().getCustomerId();
        assertThat(topicOf.computeIfAbsent(customer, c -> input.topic())).isEqualTo(input.topic());
      }
    }
  }

  @Test
  void shouldExpectOneOfferPerBasketAndAProfilePerCustomerButNothingFromThePills() {
    Oracle oracle = Oracle.of(inputs, ConfigLoader.load(Map.of(), null).profile());

    long baskets = inputs.stream().filter(input -> input.basket() != null).count();
    long customers = inputs.stream().filter(Input::valid)
        .map(input -> input.click() != null ? input.click().getCustomerId() : input.basket().getCustomerId())
        .distinct().count();
    assertThat(oracle.offerEventIds()).hasSize((int) baskets);
    assertThat(oracle.profiles()).hasSize((int) customers);
    assertThat(oracle.pills()).hasSize(10);
    long events = inputs.stream().filter(Input::valid).count();
    assertThat(oracle.profiles().values().stream().mapToLong(p -> p.getEventCount()).sum()).isEqualTo(events);
  }

  private static boolean decodes(Input pill) {
    try {
      if (pill.topic().equals(Topics.CLICKSTREAM.name())) {
        Topics.CLICKSTREAM.valueSerde().decode(pill.value());
      } else {
        Topics.POS_TRANSACTIONS.valueSerde().decode(pill.value());
      }
      return pill.value().length > 0 && !Arrays.equals(pill.value(), new byte[0]);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
