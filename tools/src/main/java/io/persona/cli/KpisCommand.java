package io.persona.cli;

import io.persona.avro.ArmKpi;
import io.persona.avro.OfferKpi;
import io.persona.serve.marketing.ArmTotals;
import io.persona.serve.marketing.Uplift;
import io.persona.topology.Topics;
import io.persona.topology.WholeTopic;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The latest KPIs of every offer as a table, from the compacted offer-kpis topic (read_committed). */
@Command(name = "kpis", description = "Print every offer's KPIs per arm (treatment / holdout) as a table.")
public final class KpisCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BootstrapOption bootstrap = new BootstrapOption();

  @Option(names = "--by-week", description = "Also the response rate of the offers sent, by week of the decision, "
      + "read from offer-outcomes.")
  boolean byWeek;

  @Override
  public Integer call() {
    Map<String, OfferKpi> latest = read();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%-26s %6s %8s %9s %7s %9s %9s %7s %9s %8s %7s%n", "offer", "sent", "redeemed", "converted",
        "conv", "revenue", "AOV", "holdout", "hold conv", "uplift", "refused");
    List<OfferKpi> rows = latest.values().stream()
        .sorted(Comparator.comparingLong((OfferKpi k) -> -k.getTreatment().getDecisions())).toList();
    ArmKpi total = new ArmKpi();
    ArmKpi holdout = new ArmKpi();
    for (OfferKpi kpi : rows) {
      ArmKpi t = kpi.getTreatment();
      ArmKpi h = kpi.getHoldout();
      out.printf("%-26s %6d %8d %9d %6.1f%% %9.2f %9.2f %7d %8.1f%% %+7.1f%% %7d%n", kpi.getOfferId(),
          t.getDecisions(), t.getRedeemed(), t.getConverted(), 100 * t.getConversionRate(), t.getRevenue(),
          t.getAverageOrderValue(), h.getDecisions(), 100 * h.getConversionRate(), 100 * kpi.getUpliftRate(),
          kpi.getBudgetRefusals());
      ArmTotals.add(total, t);
      ArmTotals.add(holdout, h);
    }
    double treatmentRate = ArmTotals.responseRate(total);
    double holdoutRate = ArmTotals.responseRate(holdout);
    out.printf("%-26s %6d %8d %9d %6.1f%% %9.2f %9s %7d %8.1f%% %+7.1f%%%n", "all offers", total.getDecisions(),
        total.getRedeemed(), total.getConverted(), 100 * treatmentRate, total.getRevenue(), "",
        holdout.getDecisions(), 100 * holdoutRate, 100 * (treatmentRate - holdoutRate));
    out.printf("%nredemption rate: treatment %.1f%% (%,d of %,d offers sent), holdout %.1f%% (%,d of %,d held back: "
            + "they received nothing to redeem)%n", 100 * share(total.getRedeemed(), total.getDecisions()),
        total.getRedeemed(), total.getDecisions(), 100 * share(holdout.getRedeemed(), holdout.getDecisions()),
        holdout.getRedeemed(), holdout.getDecisions());
    Uplift uplift = Uplift.of(total, holdout);
    out.printf("response rate (redeemed, or bought the offer's target within the attribution window): "
        + "treatment %.1f%%, holdout %.1f%%, uplift %+.1f points (95%% interval %+.1f to %+.1f)%n",
        100 * uplift.treatmentRate(), 100 * uplift.holdoutRate(), 100 * uplift.points(), 100 * uplift.low(),
        100 * uplift.high());
    if (byWeek) {
      printWeeks(out, ResponsesByWeek.read(bootstrap.consumer(Map.of()), bootstrap.topics().of(Topics.OFFER_OUTCOMES)));
    }
    out.flush();
    return 0;
  }

  private static void printWeeks(PrintWriter out, Map<LocalDate, long[]> weeks) {
    out.printf("%nresponse rate of the offers sent, by week of the decision, once their attribution window closed "
        + "(what the learning has made of them):%n");
    weeks.forEach((monday, counts) -> out.printf("  week of %s  %6.1f%%  (%,d of %,d answered)%n", monday,
        100 * share(counts[1], counts[0]), counts[1], counts[0]));
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  private Map<String, OfferKpi> read() {
    String topic = bootstrap.topics().of(Topics.OFFER_KPIS);
    Map<String, OfferKpi> latest = new TreeMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(bootstrap.consumer(Map.of(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      WholeTopic.readToEnd(consumer, topic, r -> {
        if (r.value() != null) {
          latest.put(r.key(), Topics.OFFER_KPIS.valueSerde().decode(r.value()));
        }
      });
    }
    return latest;
  }
}
