package io.channelshift.provider;

import io.channelshift.reconciliation.StatementLine;
import java.util.List;

/** The statement of a day without a single trade. */
public enum EmptyStatement implements StatementReader {
  INSTANCE;

  @Override
  public List<StatementLine> next(int max) {
    return List.of();
  }

  @Override
  public void close() {
    // nothing to free
  }
}
