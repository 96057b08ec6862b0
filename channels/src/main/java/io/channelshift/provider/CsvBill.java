package io.channelshift.provider;

import io.channelshift.reconciliation.StatementLine;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A provider's bill downloaded to a file, read a page at a time with a CSV parser (RFC 4180: a
 * field in double quotes may hold commas, doubled quotes and line breaks), so that a free-text
 * column such as an order subject never shifts the columns after it. The first record is the
 * header; reading stops where the {@link Layout} says the detail list ends (a summary block). Each
 * data record becomes a {@link Row} whose fields are looked up by header name, so a provider adding
 * a column breaks nothing. The file is deleted on close.
 */
public final class CsvBill implements StatementReader {

  /**
   * No record of a bill is longer than this many characters: a quote a provider never closes would
   * otherwise make the rest of the day one field held in memory.
   */
  static final int MAX_RECORD_CHARS = 1024 * 1024;

  /**
   * How a provider writes its bill.
   *
   * @param charset the file's encoding
   * @param hashComments whether lines starting with {@code #} are comments (Alipay's banner and
   *     footer); a comment after the header ends the detail list
   * @param fieldPrefix what the provider puts before every field (WeChat Pay's backquote), taken
   *     off when read
   * @param summaryStarts true for the first field of the record that opens the summary block, which
   *     ends the detail list
   */
  public record Layout(
      Charset charset, boolean hashComments, String fieldPrefix, Predicate<String> summaryStarts) {}

  /**
   * One data record, its fields by header name, each trimmed of spaces and of the {@code prefix}
   * some bills add.
   */
  public record Row(
      long lineNo, Map<String, Integer> columns, String[] fields, String fieldPrefix) {

    public String get(String column) {
      Integer index = columns.get(column);
      if (index == null) {
        throw new IllegalArgumentException("the bill has no column " + column);
      }
      return unprefixed(index < fields.length ? fields[index] : "", fieldPrefix);
    }
  }

  /**
   * Turns a row into a statement line, or null for a row that moves no money we track (e.g. a
   * revoked order).
   */
  public interface RowMapper {
    StatementLine map(Row row);
  }

  private final Path file;
  private final RecordBoundedReader source;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final LocalDate day;
  private final Layout layout;
  private final RowMapper mapper;
  private final long afterLine;
  private Map<String, Integer> columns;
  private int headerSize;
  private long lineNo;
  private boolean ended;

  public CsvBill(Path file, Layout layout, LocalDate day, long afterLine, RowMapper mapper)
      throws IOException {
    this.file = file;
    this.source = new RecordBoundedReader(Files.newBufferedReader(file, layout.charset()));
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setIgnoreSurroundingSpaces(true)
            .setCommentMarker(layout.hashComments() ? '#' : null)
            .get();
    this.parser = CSVParser.builder().setReader(source).setFormat(format).get();
    this.records = parser.iterator();
    this.day = day;
    this.layout = layout;
    this.afterLine = afterLine;
    this.mapper = mapper;
  }

  @Override
  public List<StatementLine> next(int max) {
    List<StatementLine> page = new ArrayList<>();
    while (!ended && page.size() < max) {
      CSVRecord record = nextRecord();
      if (record == null || (columns != null && endsDetail(record))) {
        ended = true;
      } else if (!(record.size() == 1
          && record.get(0).isBlank())) { // a line of spaces only, as before
        if (columns == null) {
          columns = header(record);
          headerSize = record.size();
        } else if (++lineNo > afterLine) {
          requireNoSurplusText(record);
          StatementLine mapped =
              map(new Row(lineNo, columns, record.values(), layout.fieldPrefix()));
          if (mapped != null) {
            page.add(mapped);
          }
        }
      }
    }
    return page;
  }

  /**
   * The next record, or null at the end of the file; a record that is not valid CSV stops the run.
   */
  private CSVRecord nextRecord() {
    source.startRecord();
    try {
      return records.hasNext() ? records.next() : null;
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof CSVException || e.getCause() instanceof RecordTooLongException) {
        throw unreadable(lineNo + 1, e.getCause().getMessage());
      }
      throw e;
    }
  }

  private boolean endsDetail(CSVRecord record) {
    return (layout.hashComments() && record.hasComment())
        || layout
            .summaryStarts()
            .test(unprefixed(record.get(0).replace("\uFEFF", ""), layout.fieldPrefix()));
  }

  /**
   * A field past the header's last column holding text means a comma the provider did not quote:
   * every column after it has moved, so the line is refused rather than read a column off (an
   * amount taken from a subject).
   */
  private void requireNoSurplusText(CSVRecord record) {
    for (int i = headerSize; i < record.size(); i++) {
      if (!unprefixed(record.get(i), layout.fieldPrefix()).isEmpty()) {
        throw unreadable(
            lineNo,
            record.size()
                + " fields under a header of "
                + headerSize
                + " (a comma outside quotes?)");
      }
    }
  }

  private StatementLine map(Row row) {
    try {
      return mapper.map(row);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw unreadable(row.lineNo(), e.getMessage());
    }
  }

  private ProviderException unreadable(long line, String why) {
    // A line we cannot read must stop the reconciliation, not be matched half-understood.
    return new ProviderException(
        ProviderErrorType.REFUSED,
        "bill of " + day + ", line " + line + " cannot be read: " + why,
        null);
  }

  private static Map<String, Integer> header(CSVRecord record) {
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < record.size(); i++) {
      byName.putIfAbsent(record.get(i).trim().replace("\uFEFF", ""), i);
    }
    return byName;
  }

  private static String unprefixed(String field, String prefix) {
    String value = field.trim();
    return !prefix.isEmpty() && value.startsWith(prefix)
        ? value.substring(prefix.length()).trim()
        : value;
  }

  @Override
  public void close() {
    try {
      parser.close();
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Thrown (through the parser) when one record runs past {@link #MAX_RECORD_CHARS}. */
  static final class RecordTooLongException extends IOException {
    RecordTooLongException() {
      super("a record is longer than " + MAX_RECORD_CHARS + " characters (an unclosed quote?)");
    }
  }

  /**
   * Counts the characters the parser takes for one record and refuses to hand out more than the
   * limit.
   */
  private static final class RecordBoundedReader extends FilterReader {

    /** The parser reads ahead by its buffer; allow for that beyond the record itself. */
    private static final int SLACK = 64 * 1024;

    private long taken;

    RecordBoundedReader(Reader in) {
      super(in);
    }

    void startRecord() {
      taken = 0;
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      count(c < 0 ? 0 : 1);
      return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) throws IOException {
      taken += n;
      if (taken > MAX_RECORD_CHARS + SLACK) {
        throw new RecordTooLongException();
      }
    }
  }
}
