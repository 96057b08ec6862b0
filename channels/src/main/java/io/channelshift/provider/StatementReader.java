package io.channelshift.provider;

import io.channelshift.reconciliation.StatementLine;
import java.io.Closeable;
import java.util.List;

/**
 * A provider's statement for one business day, read a page at a time, so that a day of millions of
 * lines never sits in memory. Closing it frees what it holds (a connection, a downloaded file).
 */
public interface StatementReader extends Closeable {

  /**
   * The next lines, at most {@code max}, in statement order; empty once the statement is read to
   * its end.
   *
   * @throws ProviderException retryable when the provider could not be read (the caller resumes
   *     from the last line it kept)
   */
  List<StatementLine> next(int max);

  @Override
  void close();
}
