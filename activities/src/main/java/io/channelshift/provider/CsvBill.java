package io.channelshift.provider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A provider's bill downloaded to a file, read a page at a time: lines the {@code skip} test names (banners,
 * comments) are left out, the first remaining line is the header, reading stops at the first line {@code end}
 * names (a summary block). Each data line becomes a {@link Row} whose fields are looked up by header name, so a
 * provider adding a column breaks nothing. The file is deleted on close.
 */
public final class CsvBill implements StatementReader {

  /** One data line, its fields by header name, each trimmed of spaces and of the {@code prefix} some bills add. */
  public record Row(long lineNo, Map<String, Integer> columns, String[] fields, String fieldPrefix) {

    public String get(String column) {
      Integer index = columns.get(column);
      if (index == null) {
        throw new IllegalArgumentException("the bill has no column " + column);
      }
      String value = index < fields.length ? fields[index].trim() : "";
      return value.startsWith(fieldPrefix) ? value.substring(fieldPrefix.length()).trim() : value;
    }
  }

  /** Turns a row into a statement line, or null for a row that moves no money we track (e.g. a revoked order). */
  public interface RowMapper {
    StatementLine map(Row row);
  }

  private final Path file;
  private final BufferedReader reader;
  private final LocalDate day;
  private final Predicate<String> skip;
  private final Predicate<String> end;
  private final String fieldPrefix;
  private final RowMapper mapper;
  private final long afterLine;
  private Map<String, Integer> columns;
  private long lineNo;
  private boolean ended;

  public CsvBill(Path file, Charset charset, LocalDate day, long afterLine, Predicate<String> skip,
      Predicate<String> end, String fieldPrefix, RowMapper mapper) throws IOException {
    this.file = file;
    this.reader = Files.newBufferedReader(file, charset);
    this.day = day;
    this.afterLine = afterLine;
    this.skip = skip;
    this.end = end;
    this.fieldPrefix = fieldPrefix;
    this.mapper = mapper;
  }

  @Override
  public List<StatementLine> next(int max) {
    List<StatementLine> page = new ArrayList<>();
    try {
      while (!ended && page.size() < max) {
        String line = reader.readLine();
        if (line == null || (columns != null && end.test(line))) {
          ended = true;
        } else if (!line.isBlank() && !skip.test(line)) {
          if (columns == null) {
            columns = header(line);
          } else if (++lineNo > afterLine) {
            StatementLine mapped = map(new Row(lineNo, columns, line.split(",", -1), fieldPrefix));
            if (mapped != null) {
              page.add(mapped);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return page;
  }

  private StatementLine map(Row row) {
    try {
      return mapper.map(row);
    } catch (IllegalArgumentException | DateTimeException e) {
      // A line we cannot read must stop the reconciliation, not be matched half-understood.
      throw new ProviderException(ProviderErrorType.REFUSED, "bill of " + day + ", line " + row.lineNo()
          + " cannot be read: " + e.getMessage(), null);
    }
  }

  private Map<String, Integer> header(String line) {
    String[] names = line.split(",", -1);
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      byName.putIfAbsent(names[i].trim().replace("\uFEFF", ""), i);
    }
    return byName;
  }

  @Override
  public void close() {
    try {
      reader.close();
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
