package io.persona.replay;

import io.persona.replay.ColumnMap.Field;
import io.persona.replay.ColumnMap.Positions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines of a CSV transaction log, mapped to {@link SaleLine}s. Rows that cannot be used are counted by reason,
 * never silently dropped: no customer (unless anonymous baskets are kept), no quantity, a negative price (accounting
 * adjustments), or a field that does not parse.
 */
public record TransactionFile(List<SaleLine> lines, Map<String, Long> skipped) {
  /** ISO-8601 with or without an offset ({@code +0000}, {@code +00:00}, {@code Z}); without one, UTC. */
  private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .toFormatter();

  public static TransactionFile read(Path file, ColumnMap map, boolean keepAnonymous) throws IOException {
    List<SaleLine> lines = new ArrayList<>();
    Map<String, Long> skipped = new TreeMap<>();
    try (CsvReader csv = new CsvReader(file)) {
      List<String> header = csv.next();
      if (header == null) {
        throw new IllegalArgumentException(file + " is empty");
      }
      Positions at = map.locate(header);
      for (List<String> row = csv.next(); row != null; row = csv.next()) {
        String reason = null;
        try {
          SaleLine line = parse(row, at);
          if (line.customer() == null && !keepAnonymous) {
            reason = "no customer (anonymous baskets skipped)";
          } else if (line.quantity() == 0) {
            reason = "quantity 0";
          } else if (line.price() < 0) {
            reason = "negative price (an adjustment, not a sale)";
          } else {
            lines.add(line);
          }
        } catch (IllegalArgumentException | DateTimeParseException e) {
          reason = "unparseable: " + e.getMessage();
        }
        if (reason != null) {
          skipped.merge(reason.length() > 80 ? reason.substring(0, 80) : reason, 1L, Long::sum);
        }
      }
    }
    return new TransactionFile(lines, skipped);
  }

  private static SaleLine parse(List<String> row, Positions at) {
    String product = at.get(row, Field.PRODUCT);
    String basket = at.get(row, Field.BASKET);
    String time = at.get(row, Field.TIME);
    if (product == null || basket == null || time == null) {
      throw new IllegalArgumentException("no product, basket or time");
    }
    return new SaleLine(customerId(at.get(row, Field.CUSTOMER)), basket, product, at.get(row, Field.DESCRIPTION),
        at.get(row, Field.CATEGORY), at.get(row, Field.BRAND), (int) number(at.get(row, Field.QUANTITY), "quantity"),
        number(at.get(row, Field.PRICE), "price"), instant(time), at.get(row, Field.STORE));
  }

  /** Numeric ids written as decimals ("17850.0") are the same customer as "17850". */
  private static String customerId(String raw) {
    return raw == null ? null : raw.endsWith(".0") ? raw.substring(0, raw.length() - 2) : raw;
  }

  private static double number(String raw, String what) {
    if (raw == null) {
      throw new IllegalArgumentException("no " + what);
    }
    try {
      return Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " is not a number");
    }
  }

  static Instant instant(String raw) {
    var parsed = WITH_OFFSET.parseBest(raw, OffsetDateTime::from, LocalDateTime::from);
    return parsed instanceof OffsetDateTime offset ? offset.toInstant()
        : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
  }
}
