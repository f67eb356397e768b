package io.persona.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKind;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BudgetShareTest {
  @Test
  void shouldSplitABudgetIntoPartsThatSumToTheWholeForAnyPartitionCount() {
    for (long total : new long[] {0, 1, 5, 12, 100, 1_001}) {
      for (int partitions : new int[] {1, 2, 3, 6, 7, 24}) {
        long sum = IntStream.range(0, partitions).mapToLong(p -> BudgetShare.part(total, p, partitions)).sum();
        assertThat(sum).as("%d over %d partitions", total, partitions).isEqualTo(total);
        long largest = IntStream.range(0, partitions).mapToLong(p -> BudgetShare.part(total, p, partitions)).max()
            .orElseThrow();
        long smallest = IntStream.range(0, partitions).mapToLong(p -> BudgetShare.part(total, p, partitions)).min()
            .orElseThrow();
        assertThat(largest - smallest).isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void shouldLeaveNoLimitUncutAndKnowWhichOffersHaveABudget() {
    assertThat(BudgetShare.part(null, 2, 6)).isNull();
    assertThat(BudgetShare.part(10L, 2, 6)).isEqualTo(2);
    assertThat(BudgetShare.part(3L, 2, 6)).isEqualTo(1);
    assertThat(BudgetShare.part(3L, 3, 6)).isEqualTo(0);
    assertThat(BudgetShare.budgeted(offer(10L, null))).isTrue();
    assertThat(BudgetShare.budgeted(offer(null, 3L))).isTrue();
    assertThat(BudgetShare.budgeted(offer(null, null))).isFalse();
  }

  private static OfferCatalogEntry offer(Long maxSends, Long maxRedemptions) {
    return OfferCatalogEntry.newBuilder().setOfferId("o-1").setName("o").setKind(OfferKind.PERCENT_OFF)
        .setDiscountValue(10).setValidFrom(Instant.EPOCH).setAllowedChannels(List.of()).setMaxSends(maxSends).setMaxRedemptions(maxRedemptions)
        .build();
  }
}
