package io.persona.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.persona.avro.Channel;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.OfferKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfferIndexTest {
  private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-03-31T00:00:00Z");

  @Test
  void shouldFindOffersByWhatTheyTarget() {
    OfferIndex index = new OfferIndex();
    index.apply("o-1", offer("o-1", "garden", null, null));
    index.apply("o-2", offer("o-2", "garden", "acme", null));
    index.apply("o-3", offer("o-3", null, null, "p-42"));

    assertThat(index.forCategory("garden")).extracting(OfferCatalogEntry::getOfferId).containsExactly("o-1", "o-2");
    assertThat(index.forBrand("acme")).extracting(OfferCatalogEntry::getOfferId).containsExactly("o-2");
    assertThat(index.forProduct("p-42")).extracting(OfferCatalogEntry::getOfferId).containsExactly("o-3");
    assertThat(index.forCategory("toys")).isEmpty();
    assertThat(index.forCategory(null)).isEmpty();
  }

  @Test
  void shouldMoveAChangedOfferAndDropARetiredOne() {
    OfferIndex index = new OfferIndex();
    index.apply("o-1", offer("o-1", "garden", null, null));
    index.apply("o-2", offer("o-2", "garden", null, null));

    index.apply("o-1", offer("o-1", "toys", null, null));
    index.apply("o-2", null);

    assertThat(index.forCategory("garden")).isEmpty();
    assertThat(index.forCategory("toys")).extracting(OfferCatalogEntry::getOfferId).containsExactly("o-1");
    assertThat(index.size()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "within dates on an allowed channel, true,  EMAIL, 2026-03-10T00:00:00Z, true",
      "before validFrom,                   true,  EMAIL, 2026-02-28T23:59:59Z, false",
      "after validTo,                      true,  EMAIL, 2026-03-31T00:00:01Z, false",
      "channel not allowed,                true,  SMS,   2026-03-10T00:00:00Z, false",
      "paused,                             false, EMAIL, 2026-03-10T00:00:00Z, false"})
  void shouldMakeAnOfferOnlyWhenActiveValidAndAllowed(String why, boolean active, Channel channel, Instant at,
      boolean makeable) {
    OfferCatalogEntry offer = offer("o-1", "garden", null, null);
    offer.setActive(active);

    assertThat(OfferIndex.makeable(offer, channel, at)).isEqualTo(makeable);
  }

  private static OfferCatalogEntry offer(String id, String category, String brand, String product) {
    return OfferCatalogEntry.newBuilder().setOfferId(id).setName(id).setKind(OfferKind.PERCENT_OFF)
        .setTargetCategory(category).setTargetBrand(brand).setTargetProductId(product).setDiscountValue(10)
        .setValidFrom(FROM).setValidTo(TO).setAllowedChannels(List.of(Channel.EMAIL, Channel.AD)).build();
  }
}
