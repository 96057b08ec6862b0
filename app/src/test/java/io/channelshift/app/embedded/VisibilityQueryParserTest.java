package io.channelshift.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.app.embedded.VisibilityQuery.And;
import io.channelshift.app.embedded.VisibilityQuery.Between;
import io.channelshift.app.embedded.VisibilityQuery.Compare;
import io.channelshift.app.embedded.VisibilityQuery.In;
import io.channelshift.app.embedded.VisibilityQuery.IsNull;
import io.channelshift.app.embedded.VisibilityQuery.MatchAll;
import io.channelshift.app.embedded.VisibilityQuery.Number;
import io.channelshift.app.embedded.VisibilityQuery.Operator;
import io.channelshift.app.embedded.VisibilityQuery.Or;
import io.channelshift.app.embedded.VisibilityQuery.Order;
import io.channelshift.app.embedded.VisibilityQuery.StartsWith;
import io.channelshift.app.embedded.VisibilityQuery.Text;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VisibilityQueryParserTest {

  private static Compare eq(String attribute, String value) {
    return new Compare(attribute, Operator.EQ, new Text(value));
  }

  @Test
  void anEmptyOrBlankQueryListsEverythingNewestFirst() {
    assertThat(VisibilityQueryParser.parse("")).isEqualTo(VisibilityQuery.ALL);
    assertThat(VisibilityQueryParser.parse("   ")).isEqualTo(VisibilityQuery.ALL);
    assertThat(VisibilityQueryParser.parse(null)).isEqualTo(VisibilityQuery.ALL);
  }

  @Test
  void equalityWithEitherQuoteAndABackQuotedName() {
    assertThat(VisibilityQueryParser.parse("PaymentStatus=\"FULFILLED\"").filter())
        .isEqualTo(eq("PaymentStatus", "FULFILLED"));
    assertThat(VisibilityQueryParser.parse("`PaymentStatus` = 'FULFILLED'").filter())
        .isEqualTo(eq("PaymentStatus", "FULFILLED"));
  }

  @Test
  void quotesInsideValuesAreTextNotTheEnd() {
    assertThat(VisibilityQueryParser.parse("WorkflowId = 'it''s'").filter())
        .isEqualTo(eq("WorkflowId", "it's"));
    assertThat(VisibilityQueryParser.parse("WorkflowId = \"a\\\"b\"").filter())
        .isEqualTo(eq("WorkflowId", "a\"b"));
    assertThat(VisibilityQueryParser.parse("WorkflowId = 'a OR b'").filter())
        .isEqualTo(eq("WorkflowId", "a OR b"));
  }

  @ParameterizedTest
  @CsvSource({"=,EQ", "!=,NE", "<>,NE", ">,GT", ">=,GE", "<,LT", "<=,LE"})
  void everyComparison(String symbol, Operator operator) {
    assertThat(VisibilityQueryParser.parse("TrafficWeight " + symbol + " -5").filter())
        .isEqualTo(new Compare("TrafficWeight", operator, new Number(-5)));
  }

  @Test
  void inNotInBetweenAndIsNull() {
    assertThat(VisibilityQueryParser.parse("PaymentStatus in ('A', \"B\")").filter())
        .isEqualTo(new In("PaymentStatus", List.of(new Text("A"), new Text("B")), false));
    assertThat(VisibilityQueryParser.parse("TrafficWeight NOT IN (1,2)").filter())
        .isEqualTo(new In("TrafficWeight", List.of(new Number(1), new Number(2)), true));
    assertThat(VisibilityQueryParser.parse("StartTime between 'a' and 'b'").filter())
        .isEqualTo(new Between("StartTime", new Text("a"), new Text("b"), false));
    assertThat(VisibilityQueryParser.parse("TrafficWeight NOT BETWEEN 1 AND 2").filter())
        .isEqualTo(new Between("TrafficWeight", new Number(1), new Number(2), true));
    assertThat(VisibilityQueryParser.parse("PaymentStatus IS NULL").filter())
        .isEqualTo(new IsNull("PaymentStatus", false));
    assertThat(VisibilityQueryParser.parse("PaymentStatus is not null").filter())
        .isEqualTo(new IsNull("PaymentStatus", true));
  }

  @Test
  void startsWith() {
    assertThat(VisibilityQueryParser.parse("WorkflowType starts_with 'Pay'").filter())
        .isEqualTo(new StartsWith("WorkflowType", new Text("Pay"), false));
    assertThat(VisibilityQueryParser.parse("WorkflowId NOT STARTS_WITH \"payment-\"").filter())
        .isEqualTo(new StartsWith("WorkflowId", new Text("payment-"), true));
  }

  @Test
  void parenthesesNestUpToALimit_deeperIsRefusedNotAStackOverflow() {
    int limit = VisibilityQueryParser.MAX_DEPTH;
    assertThat(
            VisibilityQueryParser.parse("(".repeat(limit) + "A='1'" + ")".repeat(limit)).filter())
        .isEqualTo(eq("A", "1"));
    assertThatThrownBy(() -> VisibilityQueryParser.parse("(".repeat(limit + 1) + "A='1'"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("nested deeper than " + limit);
  }

  @Test
  void anOversizedQueryIsRefusedBeforeItIsRead() {
    String longest = "A='" + "x".repeat(VisibilityQueryParser.MAX_LENGTH - 4) + "'";
    assertThat(longest).hasSize(VisibilityQueryParser.MAX_LENGTH);
    assertThat(VisibilityQueryParser.parse(longest).filter()).isInstanceOf(Compare.class);
    assertThatThrownBy(() -> VisibilityQueryParser.parse(longest + " "))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("at most " + VisibilityQueryParser.MAX_LENGTH);
    assertThatThrownBy(() -> VisibilityQueryParser.parse("(".repeat(100_000) + "A='1'"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("at most " + VisibilityQueryParser.MAX_LENGTH);
  }

  @Test
  void tooManyConditionsAreRefused_inListValuesCountToo() {
    int limit = VisibilityQueryParser.MAX_CONDITIONS;
    String most = String.join(" OR ", java.util.Collections.nCopies(limit, "A=1"));
    assertThat(VisibilityQueryParser.parse(most).filter()).isInstanceOf(Or.class);
    assertThatThrownBy(() -> VisibilityQueryParser.parse(most + " OR A=1"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("more than " + limit + " conditions");
    String in = "A IN (" + String.join(",", java.util.Collections.nCopies(limit + 1, "1")) + ")";
    assertThatThrownBy(() -> VisibilityQueryParser.parse(in))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("more than " + limit + " conditions");
  }

  @Test
  void andBindsTighterThanOrAndParenthesesOverrideIt() {
    assertThat(VisibilityQueryParser.parse("A='1' OR B='2' AND C='3'").filter())
        .isEqualTo(new Or(List.of(eq("A", "1"), new And(List.of(eq("B", "2"), eq("C", "3"))))));
    assertThat(VisibilityQueryParser.parse("(A='1' OR B='2') AND C='3'").filter())
        .isEqualTo(new And(List.of(new Or(List.of(eq("A", "1"), eq("B", "2"))), eq("C", "3"))));
    assertThat(VisibilityQueryParser.parse("A='1' and B='2' and C='3' or D='4'").filter())
        .isEqualTo(
            new Or(
                List.of(new And(List.of(eq("A", "1"), eq("B", "2"), eq("C", "3"))), eq("D", "4"))));
    assertThat(VisibilityQueryParser.parse("((A='1'))").filter()).isEqualTo(eq("A", "1"));
  }

  @Test
  void orderByAndGroupBy() {
    VisibilityQuery ordered = VisibilityQueryParser.parse("A='1' ORDER BY StartTime DESC");
    assertThat(ordered.filter()).isEqualTo(eq("A", "1"));
    assertThat(ordered.order()).contains(new Order("StartTime", true));
    assertThat(VisibilityQueryParser.parse("order by StartTime asc").order())
        .contains(new Order("StartTime", false));
    assertThat(VisibilityQueryParser.parse("ORDER BY StartTime").order())
        .contains(new Order("StartTime", false));
    VisibilityQuery grouped = VisibilityQueryParser.parse("GROUP BY ExecutionStatus");
    assertThat(grouped.filter()).isEqualTo(new MatchAll());
    assertThat(grouped.groupBy()).isEqualTo(Optional.of("ExecutionStatus"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "PaymentStatus LIKE 'F%'|operator LIKE is not supported",
        "WorkflowType STARTS_WITH Pay|expected a quoted value",
        "PaymentStatus REGEXP 'F.*'|operator REGEXP is not supported",
        "NOT PaymentStatus = 'A'|NOT before a condition is not supported",
        "PaymentStatus = |expected a quoted value",
        "PaymentStatus = FULFILLED|expected a quoted value",
        "PaymentStatus 'A'|expected an operator",
        "(PaymentStatus = 'A'|expected ')'",
        "PaymentStatus = 'A')|expected AND, OR, ORDER BY",
        "PaymentStatus = 'A' PaymentChannel = 'b'|expected AND, OR, ORDER BY",
        "PaymentStatus = 'A' AND|expected an attribute name",
        "OR PaymentStatus = 'A'|expected an attribute name",
        "PaymentStatus = 'A|unclosed '",
        "PaymentStatus IN ()|expected a quoted value",
        "PaymentStatus IN ('A' 'B')|expected ')'",
        "TrafficWeight = 1.5|only whole numbers",
        "TrafficWeight = 99999999999999999999|too large",
        "PaymentStatus = 'A'; DROP TABLE x|unexpected character ';'",
        "StartTime BETWEEN 'a'|expected AND",
        "PaymentStatus IS 'A'|expected NULL",
        "ORDER BY StartTime, WorkflowId|more than one attribute",
        "ORDER StartTime|expected BY",
        "PaymentStatus = 'A' LIMIT 5|expected AND, OR, ORDER BY",
      })
  void refusesWithItsReason(String query, String reason) {
    assertThatThrownBy(() -> VisibilityQueryParser.parse(query))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"=", "'", "(", ")", "AND", "ORDER BY", "``"})
  void fragmentsAreRefusedNotListedAsEverything(String query) {
    assertThatThrownBy(() -> VisibilityQueryParser.parse(query))
        .isInstanceOf(InvalidQueryException.class);
  }
}
