package io.channelshift.provider.sandbox;

import io.channelshift.provider.ProviderErrorType;
import io.channelshift.provider.ProviderException;
import io.channelshift.provider.StatementLine;
import io.channelshift.provider.StatementReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the sandbox statement ({@code type,tradeNo,outTradeNo,outRefundNo,amountMinor,currency,feeMinor,time}) a
 * page at a time: each {@link #next} is one request for the lines after the last one read.
 */
final class SandboxStatementReader implements StatementReader {

  /** Fetches the CSV lines (header first) of up to {@code limit} statement lines after line {@code after}. */
  interface PageSource {
    List<String> page(LocalDate day, long after, int limit);
  }

  private static final String HEADER = "type,tradeNo,outTradeNo,outRefundNo,amountMinor,currency,feeMinor,time";

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
    List<String> raw = source.page(day, lastLine, max);
    if (raw.isEmpty() || !raw.get(0).equals(HEADER)) {
      throw new ProviderException(ProviderErrorType.PROVIDER_UNAVAILABLE,
          "statement for " + day + " does not start with the expected header", null);
    }
    List<StatementLine> lines = new ArrayList<>(raw.size() - 1);
    for (String line : raw.subList(1, raw.size())) {
      lines.add(parse(++lastLine, line));
    }
    ended = lines.size() < max;
    return lines;
  }

  private StatementLine parse(long lineNo, String line) {
    String[] f = line.split(",", -1);
    try {
      if (f.length != 8) {
        throw new IllegalArgumentException(f.length + " fields");
      }
      StatementLine.Kind kind = switch (f[0]) {
        case "PAY" -> StatementLine.Kind.PAYMENT;
        case "REFUND" -> StatementLine.Kind.REFUND;
        default -> throw new IllegalArgumentException("type " + f[0]);
      };
      return new StatementLine(lineNo, kind, f[1], f[2], f[3].isEmpty() ? null : f[3], Long.parseLong(f[4]), f[5],
          f[6].isEmpty() ? null : Long.parseLong(f[6]), Instant.parse(f[7]));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      // A statement we cannot read must stop the reconciliation, not be matched half-understood.
      throw new ProviderException(ProviderErrorType.REFUSED, "statement for " + day + ", line " + lineNo
          + " cannot be read: " + e.getMessage(), null);
    }
  }

  @Override
  public void close() {
    // nothing held between pages
  }
}
