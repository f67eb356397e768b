package io.persona.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Rows of a CSV file (RFC 4180 quoting; gzip when the name ends in .gz), header first. */
final class CsvReader implements AutoCloseable {
  private final BufferedReader reader;

  CsvReader(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  /** The next row's fields, or null at the end. A quoted field may hold commas, doubled quotes and line breaks. */
  List<String> next() {
    try {
      String line = reader.readLine();
      if (line == null) {
        return null;
      }
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      int i = 0;
      while (true) {
        if (i == line.length()) {
          if (!quoted) {
            fields.add(field.toString());
            return fields;
          }
          String more = reader.readLine();
          if (more == null) {
            throw new IllegalArgumentException("a quoted field runs to the end of the file");
          }
          field.append('\n');
          line = more;
          i = 0;
          continue;
        }
        char c = line.charAt(i++);
        if (quoted) {
          if (c == '"' && i < line.length() && line.charAt(i) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
        } else {
          field.append(c);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
