package io.persona.bench;

import java.util.List;

/** One measure taken once per run, reported as its median and its range. */
record Samples(List<Double> values) {
  Samples {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no samples: at least one run is needed");
    }
    values = List.copyOf(values);
  }

  double median() {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  double min() {
    return values.stream().min(Double::compare).orElseThrow();
  }

  double max() {
    return values.stream().max(Double::compare).orElseThrow();
  }

  /** "median [min .. max]" in {@code format}, or the median alone after a single run. */
  String spread(String format) {
    String median = String.format(format, median());
    return values.size() == 1 ? median
        : median + " [" + String.format(format, min()) + " .. " + String.format(format, max()) + "]";
  }
}
