package io.persona.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which CSV column holds each field of a transaction line, as given on the command line ({@code customer=CustomerID}).
 * Required: customer, basket, product, quantity, price, time. Optional: description, category, brand, store.
 */
public record ColumnMap(Map<String, String> columns) {
  static final Set<String> REQUIRED = Set.of("customer", "basket", "product", "quantity", "price", "time");
  static final Set<String> OPTIONAL = Set.of("description", "category", "brand", "store");

  public ColumnMap {
    Set<String> unknown = new TreeSet<>(columns.keySet());
    unknown.removeAll(REQUIRED);
    unknown.removeAll(OPTIONAL);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown field(s) " + unknown + " in the column mapping; fields are "
          + new TreeSet<>(REQUIRED) + " and optionally " + new TreeSet<>(OPTIONAL));
    }
    Set<String> missing = new TreeSet<>(REQUIRED);
    missing.removeAll(columns.keySet());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the column mapping lacks " + missing + ", e.g. --map customer=CustomerID");
    }
    columns = Map.copyOf(columns);
  }

  /** Positions of the mapped columns in {@code header}; -1 for an optional field not mapped. */
  Positions locate(List<String> header) {
    List<String> absent = new ArrayList<>();
    int[] at = new int[Field.values().length];
    for (Field field : Field.values()) {
      String column = columns.get(field.key);
      at[field.ordinal()] = column == null ? -1 : header.indexOf(column);
      if (column != null && at[field.ordinal()] < 0) {
        absent.add(column);
      }
    }
    if (!absent.isEmpty()) {
      throw new IllegalArgumentException("column(s) " + absent + " are not in the file's header " + header);
    }
    return new Positions(at);
  }

  enum Field {
    CUSTOMER("customer"), BASKET("basket"), PRODUCT("product"), QUANTITY("quantity"), PRICE("price"), TIME("time"),
    DESCRIPTION("description"), CATEGORY("category"), BRAND("brand"), STORE("store");

    final String key;

    Field(String key) {
      this.key = key;
    }
  }

  record Positions(int[] at) {
    String get(List<String> row, Field field) {
      int i = at[field.ordinal()];
      if (i < 0 || i >= row.size()) {
        return null;
      }
      String value = row.get(i).strip();
      return value.isEmpty() ? null : value;
    }
  }
}
