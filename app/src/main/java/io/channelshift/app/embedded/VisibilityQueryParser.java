package io.channelshift.app.embedded;

import io.channelshift.app.embedded.VisibilityQuery.And;
import io.channelshift.app.embedded.VisibilityQuery.Between;
import io.channelshift.app.embedded.VisibilityQuery.Compare;
import io.channelshift.app.embedded.VisibilityQuery.Filter;
import io.channelshift.app.embedded.VisibilityQuery.In;
import io.channelshift.app.embedded.VisibilityQuery.IsNull;
import io.channelshift.app.embedded.VisibilityQuery.Literal;
import io.channelshift.app.embedded.VisibilityQuery.MatchAll;
import io.channelshift.app.embedded.VisibilityQuery.Number;
import io.channelshift.app.embedded.VisibilityQuery.Operator;
import io.channelshift.app.embedded.VisibilityQuery.Or;
import io.channelshift.app.embedded.VisibilityQuery.Order;
import io.channelshift.app.embedded.VisibilityQuery.StartsWith;
import io.channelshift.app.embedded.VisibilityQuery.Text;
import io.channelshift.app.embedded.VisibilityQueryLexer.Kind;
import io.channelshift.app.embedded.VisibilityQueryLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A recursive-descent parser for the subset of Temporal's visibility query language the embedded
 * server answers:
 *
 * <pre>
 * query      := [or] [ORDER BY name [ASC|DESC]] [GROUP BY name]
 * or         := and (OR and)*
 * and        := primary (AND primary)*
 * primary    := '(' or ')' | condition
 * condition  := name op literal | name [NOT] IN '(' literal (',' literal)* ')'
 *             | name [NOT] BETWEEN literal AND literal | name [NOT] STARTS_WITH literal
 *             | name IS [NOT] NULL
 * op         := = | != | &lt;&gt; | &gt; | &gt;= | &lt; | &lt;=
 * literal    := 'text' | "text" | integer
 * </pre>
 *
 * AND binds tighter than OR, as in SQL. Keywords are case-insensitive; a name may be back-quoted.
 * Anything else (LIKE, NOT before a condition, a bare word as a value) is refused with its reason:
 * a query the server cannot answer exactly is never answered approximately.
 */
final class VisibilityQueryParser {

  private static final Map<String, Operator> OPERATORS =
      Map.of(
          "=", Operator.EQ,
          "!=", Operator.NE,
          ">", Operator.GT,
          ">=", Operator.GE,
          "<", Operator.LT,
          "<=", Operator.LE);

  private static final Set<String> UNSUPPORTED_OPERATORS =
      Set.of("LIKE", "ILIKE", "REGEXP", "RLIKE", "MATCH");

  /** Deeper parentheses are refused rather than risking the server's stack. */
  static final int MAX_DEPTH = 50;

  /** A longer query is refused before it is read: no list of runs needs one this long. */
  static final int MAX_LENGTH = 16 * 1024;

  /**
   * More conditions (each value of an IN list counts as one) are refused: every run is tested
   * against each of them, so their number is the cost of a query.
   */
  static final int MAX_CONDITIONS = 500;

  private static final Set<String> RESERVED =
      Set.of(
          "AND",
          "OR",
          "NOT",
          "IN",
          "BETWEEN",
          "IS",
          "NULL",
          "STARTS_WITH",
          "ORDER",
          "GROUP",
          "BY",
          "LIMIT");

  private final List<Token> tokens;
  private int next;
  private int depth;
  private int conditions;

  private VisibilityQueryParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static VisibilityQuery parse(String query) {
    if (query == null || query.isBlank()) {
      return VisibilityQuery.ALL;
    }
    if (query.length() > MAX_LENGTH) {
      throw new InvalidQueryException(
          "the query is "
              + query.length()
              + " characters long; at most "
              + MAX_LENGTH
              + " are read");
    }
    return new VisibilityQueryParser(VisibilityQueryLexer.tokens(query)).query();
  }

  private VisibilityQuery query() {
    Filter filter = peek().isKeyword("ORDER") || peek().isKeyword("GROUP") ? new MatchAll() : or();
    Optional<Order> order = Optional.empty();
    Optional<String> groupBy = Optional.empty();
    if (accept("ORDER")) {
      expectKeyword("BY");
      String attribute = name();
      boolean descending = accept("DESC");
      if (!descending) {
        accept("ASC");
      }
      order = Optional.of(new Order(attribute, descending));
      if (peek().isSymbol(",")) {
        throw refuse(peek(), "ordering by more than one attribute is not supported");
      }
    }
    if (accept("GROUP")) {
      expectKeyword("BY");
      groupBy = Optional.of(name());
    }
    Token end = peek();
    if (end.kind() != Kind.END) {
      throw refuse(end, "expected AND, OR, ORDER BY or the end of the query");
    }
    return new VisibilityQuery(filter, order, groupBy);
  }

  private Filter or() {
    List<Filter> anyOf = new ArrayList<>(List.of(and()));
    while (accept("OR")) {
      anyOf.add(and());
    }
    return anyOf.size() == 1 ? anyOf.get(0) : new Or(List.copyOf(anyOf));
  }

  private Filter and() {
    List<Filter> allOf = new ArrayList<>(List.of(primary()));
    while (accept("AND")) {
      allOf.add(primary());
    }
    return allOf.size() == 1 ? allOf.get(0) : new And(List.copyOf(allOf));
  }

  private Filter primary() {
    if (peek().isSymbol("(")) {
      if (++depth > MAX_DEPTH) {
        throw refuse(peek(), "parentheses nested deeper than " + MAX_DEPTH);
      }
      next++;
      Filter inner = or();
      expectSymbol(")");
      depth--;
      return inner;
    }
    if (peek().isKeyword("NOT")) {
      throw refuse(peek(), "NOT before a condition is not supported; use != or NOT IN");
    }
    return condition();
  }

  private Filter condition() {
    count(peek());
    String attribute = name();
    Token token = peek();
    if (token.kind() == Kind.SYMBOL && OPERATORS.containsKey(token.text())) {
      next++;
      return new Compare(attribute, OPERATORS.get(token.text()), literal());
    }
    if (accept("IS")) {
      boolean negated = accept("NOT");
      expectKeyword("NULL");
      return new IsNull(attribute, negated);
    }
    boolean negated = accept("NOT");
    if (accept("IN")) {
      return new In(attribute, list(), negated);
    }
    if (accept("STARTS_WITH")) {
      return new StartsWith(attribute, literal(), negated);
    }
    if (accept("BETWEEN")) {
      Literal low = literal();
      expectKeyword("AND");
      return new Between(attribute, low, literal(), negated);
    }
    Token operator = peek();
    if (operator.kind() == Kind.WORD
        && UNSUPPORTED_OPERATORS.contains(operator.text().toUpperCase())) {
      throw refuse(
          operator,
          "operator "
              + operator.text().toUpperCase()
              + " is not supported by the embedded Temporal; use =, !=, IN, STARTS_WITH or a range");
    }
    throw refuse(
        operator, "expected an operator (=, !=, >, >=, <, <=, IN, BETWEEN, IS) after " + attribute);
  }

  private List<Literal> list() {
    expectSymbol("(");
    List<Literal> values = new ArrayList<>(List.of(literal()));
    while (peek().isSymbol(",")) {
      next++;
      count(peek());
      values.add(literal());
    }
    expectSymbol(")");
    return List.copyOf(values);
  }

  private Literal literal() {
    Token token = tokens.get(next);
    return switch (token.kind()) {
      case STRING -> {
        next++;
        yield new Text(token.text());
      }
      case NUMBER -> {
        next++;
        try {
          yield new Number(Long.parseLong(token.text()));
        } catch (NumberFormatException e) {
          throw refuse(token, "the number is too large");
        }
      }
      default -> throw refuse(token, "expected a quoted value or a whole number");
    };
  }

  private String name() {
    Token token = tokens.get(next);
    boolean bare = token.kind() == Kind.WORD && !RESERVED.contains(token.text().toUpperCase());
    if (!bare && token.kind() != Kind.QUOTED_NAME) {
      throw refuse(token, "expected an attribute name");
    }
    next++;
    return token.text();
  }

  private void count(Token at) {
    if (++conditions > MAX_CONDITIONS) {
      throw refuse(at, "more than " + MAX_CONDITIONS + " conditions (each IN value counts as one)");
    }
  }

  private Token peek() {
    return tokens.get(next);
  }

  private boolean accept(String keyword) {
    if (peek().isKeyword(keyword)) {
      next++;
      return true;
    }
    return false;
  }

  private void expectKeyword(String keyword) {
    if (!accept(keyword)) {
      throw refuse(peek(), "expected " + keyword);
    }
  }

  private void expectSymbol(String symbol) {
    if (!peek().isSymbol(symbol)) {
      throw refuse(peek(), "expected '" + symbol + "'");
    }
    next++;
  }

  private static InvalidQueryException refuse(Token at, String reason) {
    return new InvalidQueryException(
        reason + " (found " + at.describe() + " at position " + at.position() + ")");
  }
}
