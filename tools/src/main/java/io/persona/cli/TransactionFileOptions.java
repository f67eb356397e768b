package io.persona.cli;

import io.persona.replay.ColumnMap;
import io.persona.replay.TransactionFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** A CSV transaction log and its column mapping, as replay and evaluate both take them. */
final class TransactionFileOptions {
  @Option(names = "--file", required = true, description = "CSV file, header first; .gz is read as gzip.")
  Path file;

  @Option(names = "--map", required = true, description = "field=column, repeated: customer, basket, product, "
      + "quantity, price, time; optionally description, category, brand, store.")
  Map<String, String> columns;

  TransactionFile read(boolean keepAnonymous) throws IOException {
    ColumnMap map;
    try {
      map = new ColumnMap(columns);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    return TransactionFile.read(file, map, keepAnonymous);
  }
}
