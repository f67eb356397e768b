package io.persona.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamplesTest {
  private final Locale before = Locale.getDefault();

  @BeforeEach
  void formatAsInTheReport() {
    Locale.setDefault(Locale.US);
  }

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(before);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = ';', value = {
      "4.0; 4.0",
      "3.0, 1.0, 2.0; 2.0",
      "9.0, 7.0; 8.0",
      "4.0, 1.0, 3.0, 2.0; 2.5"})
  void shouldTakeTheMiddleValueOrTheMeanOfTheTwoMiddleOnes(String values, double median) {
    assertThat(samples(values).median()).isEqualTo(median);
  }

  @Test
  void shouldSpreadAsMedianThenRangeInTheGivenFormat() {
    assertThat(samples("10.2, 9.8, 11.0").spread("%.1f")).isEqualTo("10.2 [9.8 .. 11.0]");
    assertThat(samples("0.0123, 0.0119, 0.0131").spread("%.3f")).isEqualTo("0.012 [0.012 .. 0.013]");
  }

  @Test
  void shouldSpreadASingleRunAsItsValueAlone() {
    assertThat(samples("4.0").spread("%.1f")).isEqualTo("4.0");
  }

  @Test
  void shouldRefuseNoSamples() {
    assertThatThrownBy(() -> new Samples(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  private static Samples samples(String values) {
    return new Samples(List.of(values.split(",")).stream().map(String::trim).map(Double::valueOf).toList());
  }
}
