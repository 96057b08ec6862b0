package io.channelshift.provider.sandbox;

import io.channelshift.provider.ProviderErrorType;
import io.channelshift.provider.ProviderException;
import io.channelshift.provider.StatementReader;
import io.channelshift.reconciliation.StatementLine;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the sandbox statement (CSV with the header {@code
 * type,tradeNo,outTradeNo,outRefundNo,amountMinor,currency,feeMinor,time,subject,reason}, fields
 * quoted as RFC 4180 says) a page at a time: each {@link #next} is one request for the lines after
 * the last one read. Fields are read by column name, so the free-text {@code subject} and {@code
 * reason} (or a column the sandbox adds) change nothing about the others.
 */
final class SandboxStatementReader implements StatementReader {

  /**
   * Fetches the CSV text (header first) of up to {@code limit} statement lines after line {@code
   * after}.
   */
  interface PageSource {
    String page(LocalDate day, long after, int limit);
  }

  private static final List<String> REQUIRED =
      List.of(
          "type",
          "tradeNo",
          "outTradeNo",
          "outRefundNo",
          "amountMinor",
          "currency",
          "feeMinor",
          "time");
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setAllowMissingColumnNames(true)
          .setIgnoreSurroundingSpaces(true)
          .get();

  private final LocalDate day;
  private final PageSource source;
  private long lastLine;
  private boolean ended;

  SandboxStatementReader(LocalDate day, long afterLine, PageSource source) {
    this.day = day;
    this.lastLine = afterLine;
    this.source = source;
  }

  @Override
  public List<StatementLine> next(int max) {
    if (ended) {
      return List.of();
    }
    List<StatementLine> lines = new ArrayList<>();
    try (CSVParser page = open(source.page(day, lastLine, max))) {
      for (CSVRecord record : page) {
        lines.add(parse(++lastLine, record));
      }
    } catch (IOException | UncheckedIOException e) {
      // Not CSV at all (an unclosed quote, text after a closing quote): stop, as for a line we
      // cannot read.
      throw new ProviderException(
          ProviderErrorType.REFUSED,
          "statement for "
              + day
              + ", line "
              + (lastLine + 1)
              + " cannot be read: "
              + e.getMessage(),
          null);
    }
    ended = lines.size() < max;
    return lines;
  }

  /** A parser past the page's header, which must name every column read here. */
  private CSVParser open(String text) {
    try {
      CSVParser page =
          CSVParser.builder().setReader(new StringReader(text)).setFormat(FORMAT).get();
      if (page.getHeaderMap().keySet().containsAll(REQUIRED)) {
        return page;
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      // not a statement at all (an error page): told below
    }
    throw new ProviderException(
        ProviderErrorType.PROVIDER_UNAVAILABLE,
        "statement for " + day + " does not start with the expected header",
        null);
  }

  private StatementLine parse(long lineNo, CSVRecord record) {
    try {
      if (!record.isConsistent()) {
        throw new IllegalArgumentException(record.size() + " fields");
      }
      Map<String, String> f = record.toMap();
      StatementLine.Kind kind =
          switch (f.get("type")) {
            case "PAY" -> StatementLine.Kind.PAYMENT;
            case "REFUND" -> StatementLine.Kind.REFUND;
            default -> throw new IllegalArgumentException("type " + f.get("type"));
          };
      String outRefundNo = f.get("outRefundNo");
      String fee = f.get("feeMinor");
      return new StatementLine(
          lineNo,
          kind,
          f.get("tradeNo"),
          f.get("outTradeNo"),
          outRefundNo.isEmpty() ? null : outRefundNo,
          Long.parseLong(f.get("amountMinor")),
          f.get("currency"),
          fee.isEmpty() ? null : Long.parseLong(fee),
          Instant.parse(f.get("time")));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      // A statement we cannot read must stop the reconciliation, not be matched half-understood.
      throw new ProviderException(
          ProviderErrorType.REFUSED,
          "statement for " + day + ", line " + lineNo + " cannot be read: " + e.getMessage(),
          null);
    }
  }

  @Override
  public void close() {
    // nothing held between pages
  }
}
