package io.channelshift.app.embedded;

import java.util.List;
import java.util.Optional;

/**
 * A parsed list or count query of Temporal's visibility language (the SQL-like filter the UI and
 * {@code temporal workflow list --query} send), as far as the embedded server answers it: {@link
 * VisibilityQueryParser} builds it, {@link VisibilityFilters} checks it against the attributes and
 * evaluates it.
 */
record VisibilityQuery(Filter filter, Optional<Order> order, Optional<String> groupBy) {

  /** An empty query: every execution, newest first. */
  static final VisibilityQuery ALL =
      new VisibilityQuery(new MatchAll(), Optional.empty(), Optional.empty());

  /** {@code ORDER BY attribute [ASC|DESC]}. */
  record Order(String attribute, boolean descending) {}

  /** The WHERE part: a tree of conditions. */
  sealed interface Filter permits MatchAll, Or, And, Compare, In, Between, IsNull, StartsWith {}

  /** No condition: every execution. */
  record MatchAll() implements Filter {}

  record Or(List<Filter> anyOf) implements Filter {}

  record And(List<Filter> allOf) implements Filter {}

  /** {@code attribute op value}. */
  record Compare(String attribute, Operator operator, Literal value) implements Filter {}

  /** {@code attribute [NOT] IN (v1, v2, ...)}. */
  record In(String attribute, List<Literal> values, boolean negated) implements Filter {}

  /** {@code attribute [NOT] BETWEEN low AND high}, both ends included. */
  record Between(String attribute, Literal low, Literal high, boolean negated) implements Filter {}

  /** {@code attribute [NOT] STARTS_WITH 'prefix'}: Keyword attributes only. */
  record StartsWith(String attribute, Literal prefix, boolean negated) implements Filter {}

  /** {@code attribute IS [NOT] NULL}: whether the execution has the attribute at all. */
  record IsNull(String attribute, boolean negated) implements Filter {}

  enum Operator {
    EQ("="),
    NE("!="),
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<=");

    final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    boolean isRange() {
      return this != EQ && this != NE;
    }
  }

  /** A value as written: a quoted string or an integer. */
  sealed interface Literal permits Text, Number {}

  record Text(String value) implements Literal {
    @Override
    public String toString() {
      return "'" + value + "'";
    }
  }

  record Number(long value) implements Literal {
    @Override
    public String toString() {
      return Long.toString(value);
    }
  }
}
