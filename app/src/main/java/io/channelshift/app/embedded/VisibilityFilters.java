package io.channelshift.app.embedded;

import io.channelshift.app.embedded.VisibilityColumns.Column;
import io.channelshift.app.embedded.VisibilityQuery.And;
import io.channelshift.app.embedded.VisibilityQuery.Between;
import io.channelshift.app.embedded.VisibilityQuery.Compare;
import io.channelshift.app.embedded.VisibilityQuery.Filter;
import io.channelshift.app.embedded.VisibilityQuery.In;
import io.channelshift.app.embedded.VisibilityQuery.IsNull;
import io.channelshift.app.embedded.VisibilityQuery.MatchAll;
import io.channelshift.app.embedded.VisibilityQuery.Operator;
import io.channelshift.app.embedded.VisibilityQuery.Or;
import io.channelshift.app.embedded.VisibilityQuery.StartsWith;
import io.temporal.api.enums.v1.IndexedValueType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns a parsed filter into a test on one run, checking every name, operator and value first: a
 * query naming an unknown attribute, comparing a Keyword by range or an Int with text is refused
 * before any run is read.
 *
 * <p>A condition on an attribute the run does not have is false, whatever its operator (as in SQL:
 * {@code PaymentStatus != 'FULFILLED'} lists payments in another status, not migrations, which have
 * no PaymentStatus); only {@code IS NULL} matches such runs.
 */
final class VisibilityFilters {

  private VisibilityFilters() {}

  static Predicate<VisibilityRow> compile(Filter filter, Map<String, IndexedValueType> registered) {
    if (filter instanceof MatchAll) {
      return row -> true;
    }
    if (filter instanceof Or or) {
      return anyOf(or.anyOf().stream().map(f -> compile(f, registered)).toList());
    }
    if (filter instanceof And and) {
      return allOf(and.allOf().stream().map(f -> compile(f, registered)).toList());
    }
    if (filter instanceof Compare compare) {
      return compare(compare, VisibilityColumns.named(compare.attribute(), registered));
    }
    if (filter instanceof In in) {
      return in(in, VisibilityColumns.named(in.attribute(), registered));
    }
    if (filter instanceof Between between) {
      return between(between, VisibilityColumns.named(between.attribute(), registered));
    }
    if (filter instanceof StartsWith startsWith) {
      return startsWith(startsWith, VisibilityColumns.named(startsWith.attribute(), registered));
    }
    IsNull isNull = (IsNull) filter; // the last kind of the sealed Filter
    Column column = VisibilityColumns.named(isNull.attribute(), registered);
    return row -> column.read().apply(row).isPresent() == isNull.negated();
  }

  private static Predicate<VisibilityRow> anyOf(List<Predicate<VisibilityRow>> tests) {
    return row -> tests.stream().anyMatch(t -> t.test(row));
  }

  private static Predicate<VisibilityRow> allOf(List<Predicate<VisibilityRow>> tests) {
    return row -> tests.stream().allMatch(t -> t.test(row));
  }

  private static Predicate<VisibilityRow> compare(Compare compare, Column column) {
    Operator operator = compare.operator();
    if (operator.isRange() && !column.ordered()) {
      throw unordered(column, operator.symbol);
    }
    Comparable<?> expected = column.parse().apply(compare.value());
    return row ->
        column
            .read()
            .apply(row)
            .map(
                actual -> {
                  int order = compare(actual, expected);
                  return switch (operator) {
                    case EQ -> order == 0;
                    case NE -> order != 0;
                    case GT -> order > 0;
                    case GE -> order >= 0;
                    case LT -> order < 0;
                    case LE -> order <= 0;
                  };
                })
            .orElse(false);
  }

  private static Predicate<VisibilityRow> in(In in, Column column) {
    Set<Comparable<?>> expected =
        in.values().stream().map(column.parse()).collect(Collectors.toUnmodifiableSet());
    return row ->
        column
            .read()
            .apply(row)
            .map(actual -> expected.contains(actual) != in.negated())
            .orElse(false);
  }

  private static Predicate<VisibilityRow> startsWith(StartsWith startsWith, Column column) {
    if (!column.type().equals("Keyword")) {
      throw new InvalidQueryException(
          "STARTS_WITH is for Keyword attributes; " + column.name() + " is " + column.type());
    }
    String prefix = (String) column.parse().apply(startsWith.prefix());
    return row ->
        column
            .read()
            .apply(row)
            .map(actual -> ((String) actual).startsWith(prefix) != startsWith.negated())
            .orElse(false);
  }

  private static Predicate<VisibilityRow> between(Between between, Column column) {
    if (!column.ordered()) {
      throw unordered(column, "BETWEEN");
    }
    Comparable<?> low = column.parse().apply(between.low());
    Comparable<?> high = column.parse().apply(between.high());
    return row ->
        column
            .read()
            .apply(row)
            .map(a -> (compare(a, low) >= 0 && compare(a, high) <= 0) != between.negated())
            .orElse(false);
  }

  /** Both sides come from one column, so they are of one class. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Comparable<?> actual, Comparable<?> expected) {
    return ((Comparable) actual).compareTo(expected);
  }

  private static InvalidQueryException unordered(Column column, String operator) {
    return new InvalidQueryException(
        operator
            + " is not supported on "
            + column.name()
            + " ("
            + column.type()
            + "); use =, !=, IN or NOT IN");
  }
}
