package io.persona.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.persona.avro.LineItem;
import io.persona.avro.OfferCatalogEntry;
import io.persona.avro.PosTransaction;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionFileTest {
  private static final ColumnMap ONLINE_RETAIL = new ColumnMap(Map.of("customer", "CustomerID", "basket", "InvoiceNo",
      "product", "StockCode", "description", "Description", "quantity", "Quantity", "price", "UnitPrice",
      "time", "InvoiceDate", "store", "Country"));
  private static final String HEADER =
      "\"InvoiceNo\",\"StockCode\",\"Description\",\"Quantity\",\"InvoiceDate\",\"UnitPrice\",\"CustomerID\",\"Country\"\n";

  @TempDir Path dir;

  @Test
  void shouldReadQuotedFieldsWithCommasQuotesAndLineBreaksFromAGzippedFile() throws IOException {
    Path file = gzip("""
        "536365","85123A","HEART, \"\"WHITE\"\"
        HOLDER",6,"2010-12-01T08:26:00+0000",2.55,17850.0,"United Kingdom"
        """);

    SaleLine line = TransactionFile.read(file, ONLINE_RETAIL, false).lines().get(0);

    assertThat(line.description()).isEqualTo("HEART, \"WHITE\"\nHOLDER");
    assertThat(line.customer()).as("17850.0 is customer 17850").isEqualTo("17850");
    assertThat(line.time()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
    assertThat(line.quantity()).isEqualTo(6);
    assertThat(line.store()).isEqualTo("United Kingdom");
  }

  @Test
  void shouldCountEveryRowItCannotUseByReason() throws IOException {
    Path file = plain("""
        1,A,a,1,2011-01-01T10:00:00Z,1.0,,UK
        2,B,b,0,2011-01-01T10:00:00Z,1.0,7,UK
        3,C,c,1,2011-01-01T10:00:00Z,-5.0,7,UK
        4,D,d,lots,2011-01-01T10:00:00Z,1.0,7,UK
        5,E,e,2,2011-01-01 10:00,1.0,7,UK
        """);

    TransactionFile read = TransactionFile.read(file, ONLINE_RETAIL, false);

    assertThat(read.lines()).extracting(SaleLine::product).containsExactly("E");
    assertThat(read.lines().get(0).time()).as("no offset: UTC").isEqualTo(Instant.parse("2011-01-01T10:00:00Z"));
    assertThat(read.skipped()).containsOnlyKeys("no customer (anonymous baskets skipped)", "quantity 0",
        "negative price (an adjustment, not a sale)", "unparseable: quantity is not a number");
    assertThat(TransactionFile.read(file, ONLINE_RETAIL, true).lines()).extracting(SaleLine::product)
        .as("kept as anonymous on request").containsExactly("A", "E");
  }

  @Test
  void shouldGroupLinesIntoBasketsInEventTimeOrderWithCancellationsAsReturns() throws IOException {
    Path file = plain("""
        9,A,a,2,2011-01-02T09:00:00Z,1.5,7,UK
        8,B,b,1,2011-01-01T09:00:00Z,4.0,7,UK
        9,C,c,1,2011-01-02T09:00:00Z,2.0,7,UK
        C10,A,a,-2,2011-01-03T09:00:00Z,1.5,7,UK
        """);

    List<PosTransaction> baskets = Baskets.of(TransactionFile.read(file, ONLINE_RETAIL, false).lines());

    assertThat(baskets).extracting(PosTransaction::getTransactionId).containsExactly("8", "9", "C10");
    assertThat(baskets.get(1).getLineItems()).extracting(LineItem::getProductId).containsExactly("A", "C");
    assertThat(baskets.get(1).getTotal()).isEqualTo(5.0);
    assertThat(baskets.get(2).getLineItems().get(0).getQuantity()).isEqualTo(-2);
    assertThat(baskets.get(2).getTotal()).isEqualTo(-3.0);
    assertThat(baskets).allMatch(b -> b.getCustomerId().equals("7") && b.getStoreId().equals("UK"));
  }

  @Test
  void shouldMakeOneOfferPerProductValidBeforeTheFirstBasket() throws IOException {
    Path file = plain("""
        1,A,RED MUG,1,2011-01-02T09:00:00Z,1.5,7,UK
        2,A,RED MUG,1,2011-01-03T09:00:00Z,1.5,8,UK
        2,B,BLUE MUG,1,2011-01-03T09:00:00Z,1.5,8,UK
        """);

    List<OfferCatalogEntry> offers = Baskets.catalog(TransactionFile.read(file, ONLINE_RETAIL, false).lines());

    assertThat(offers).extracting(OfferCatalogEntry::getOfferId).containsExactly("o-A", "o-B");
    assertThat(offers.get(0).getTargetProductId()).isEqualTo("A");
    assertThat(offers.get(0).getName()).isEqualTo("10% off RED MUG");
    assertThat(offers.get(0).getValidFrom()).isEqualTo(Instant.parse("2011-01-01T09:00:00Z"));
  }

  @Test
  void shouldSayWhichFieldOrColumnIsMissing() throws IOException {
    assertThatThrownBy(() -> new ColumnMap(Map.of("customer", "CustomerID")))
        .hasMessageContaining("lacks [basket, price, product, quantity, time]");
    assertThatThrownBy(() -> new ColumnMap(Map.of("customer", "a", "basket", "b", "product", "c", "quantity", "d",
        "price", "e", "time", "f", "colour", "g"))).hasMessageContaining("unknown field(s) [colour]");
    Path file = plain("1,A,a,1,2011-01-01T10:00:00Z,1.0,7,UK\n");
    ColumnMap wrong = new ColumnMap(Map.of("customer", "Customer", "basket", "InvoiceNo", "product", "StockCode",
        "quantity", "Quantity", "price", "UnitPrice", "time", "InvoiceDate"));
    assertThatThrownBy(() -> TransactionFile.read(file, wrong, false))
        .hasMessageContaining("column(s) [Customer] are not in the file's header");
  }

  private Path plain(String rows) throws IOException {
    Path file = dir.resolve("lines.csv");
    Files.writeString(file, HEADER + rows);
    return file;
  }

  private Path gzip(String rows) throws IOException {
    Path file = dir.resolve("lines.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write((HEADER + rows).getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }
}
