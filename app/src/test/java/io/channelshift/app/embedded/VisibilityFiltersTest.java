package io.channelshift.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.internal.common.SearchAttributesUtil;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Evaluation of parsed queries over runs built here, without a server. */
class VisibilityFiltersTest {

  private static final Map<String, IndexedValueType> REGISTERED =
      Map.of(
          "PaymentStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "TrafficWeight", IndexedValueType.INDEXED_VALUE_TYPE_INT,
          "CustomTextField", IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
          "CustomDatetimeField", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  /** a: FULFILLED 10, running; b: CLOSED 50, completed; c: no attributes, failed. */
  private static final List<VisibilityRow> ROWS =
      List.of(
          row(
              "a",
              0,
              WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
              Map.of("PaymentStatus", "FULFILLED", "TrafficWeight", 10L)),
          row(
              "b",
              1000,
              WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED,
              Map.of("PaymentStatus", "CLOSED", "TrafficWeight", 50L)),
          row("c", 2000, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, Map.of()));

  private static VisibilityRow row(
      String id, long startMillis, WorkflowExecutionStatus status, Map<String, Object> attributes) {
    return new VisibilityRow(
        WorkflowExecution.newBuilder().setWorkflowId(id).setRunId("run-" + id).build(),
        id.equals("c") ? "Other" : "Tagged",
        "q",
        Timestamps.fromMillis(T0.toEpochMilli() + startMillis),
        status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
            ? Optional.empty()
            : Optional.of(Timestamps.fromMillis(T0.toEpochMilli() + startMillis + 500)),
        status,
        3,
        Optional.empty(),
        SearchAttributesUtil.encode(attributes));
  }

  private static String matching(String query) {
    Predicate<VisibilityRow> test =
        VisibilityFilters.compile(VisibilityQueryParser.parse(query).filter(), REGISTERED);
    StringBuilder ids = new StringBuilder();
    ROWS.stream().filter(test).forEach(r -> ids.append(r.execution().getWorkflowId()));
    return ids.toString();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|abc",
        "PaymentStatus = 'FULFILLED'|a",
        "PaymentStatus != 'FULFILLED'|b",
        "PaymentStatus IN ('FULFILLED', 'CLOSED')|ab",
        "PaymentStatus NOT IN ('FULFILLED')|b",
        "PaymentStatus IS NULL|c",
        "PaymentStatus IS NOT NULL|ab",
        "PaymentStatus != 'FULFILLED' OR PaymentStatus IS NULL|bc",
        "TrafficWeight = 10|a",
        "TrafficWeight > 10|b",
        "TrafficWeight >= 10|ab",
        "TrafficWeight < 50|a",
        "TrafficWeight <= 50|ab",
        "TrafficWeight BETWEEN 10 AND 50|ab",
        "TrafficWeight BETWEEN 11 AND 50|b",
        "TrafficWeight NOT BETWEEN 11 AND 50|a",
        "TrafficWeight IN (50, 70)|b",
        "WorkflowId = 'c'|c",
        "WorkflowId IN ('a', 'c', 'zz')|ac",
        "RunId = 'run-b'|b",
        "WorkflowType = 'Other'|c",
        "TaskQueue = 'q'|abc",
        "ExecutionStatus = 'Running'|a",
        "ExecutionStatus != 'Running'|bc",
        "ExecutionStatus IN ('Completed', 'Failed')|bc",
        "ExecutionStatus = 'Canceled'|''",
        "StartTime > '2026-12-03T10:00:00Z'|bc",
        "StartTime >= '2026-12-03T10:00:00Z'|abc",
        "StartTime < '2026-12-03T10:00:01Z'|a",
        "StartTime <= '2026-12-03T10:00:01.000Z'|ab",
        "StartTime BETWEEN '2026-12-03T10:00:00.001Z' AND '2026-12-03T10:00:02Z'|bc",
        "StartTime > '2026-12-03T18:00:00.5+08:00'|bc",
        "CloseTime > '2026-12-03T10:00:00Z'|bc",
        "StartTime < '2300-01-01T00:00:00Z'|abc",
        "StartTime > '2300-01-01T00:00:00Z'|''",
        "StartTime > '1600-01-01T00:00:00Z'|abc",
        "StartTime < '1600-01-01T00:00:00Z'|''",
        "StartTime BETWEEN '1600-01-01T00:00:00Z' AND '9999-12-31T23:59:59Z'|abc",
        "CloseTime < '2300-01-01T00:00:00Z'|bc",
        "CloseTime IS NULL|a",
        "PaymentStatus STARTS_WITH 'FUL'|a",
        "PaymentStatus NOT STARTS_WITH 'FUL'|b",
        "WorkflowType STARTS_WITH 'Oth'|c",
        "WorkflowId STARTS_WITH ''|abc",
        "ParentWorkflowId IS NULL|abc",
        "PaymentStatus = 'FULFILLED' OR PaymentStatus = 'CLOSED' AND TrafficWeight = 10|a",
        "(PaymentStatus = 'FULFILLED' OR PaymentStatus = 'CLOSED') AND TrafficWeight = 50|b",
        "PaymentStatus = 'CLOSED' AND TrafficWeight = 10 OR WorkflowId = 'c'|c",
      })
  void listsExactlyTheMatchingRuns(String query, String ids) {
    assertThat(matching(query)).as(query).isEqualTo(ids);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Nope = 'x'|unknown search attribute Nope",
        "paymentstatus = 'x'|unknown search attribute paymentstatus",
        "CustomTextField = 'x'|of type TEXT",
        "CustomDatetimeField > '2026-01-01T00:00:00Z'|of type DATETIME",
        "PaymentStatus > 'A'|> is not supported on PaymentStatus (Keyword)",
        "WorkflowId BETWEEN 'a' AND 'b'|BETWEEN is not supported on WorkflowId",
        "ExecutionStatus >= 'Running'|>= is not supported on ExecutionStatus",
        "PaymentStatus = 5|PaymentStatus is a Keyword",
        "TrafficWeight = '5'|TrafficWeight is an Int",
        "TrafficWeight IN (1, 'x')|TrafficWeight is an Int",
        "ExecutionStatus = 'Done'|ExecutionStatus is one of",
        "ExecutionStatus = 'running'|ExecutionStatus is one of",
        "StartTime > 'yesterday'|RFC 3339",
        "TrafficWeight STARTS_WITH '1'|STARTS_WITH is for Keyword attributes",
        "StartTime STARTS_WITH '2026'|STARTS_WITH is for Keyword attributes",
        "ExecutionStatus STARTS_WITH 'Run'|STARTS_WITH is for Keyword attributes",
        "StartTime > '2026-12-03'|RFC 3339",
        "StartTime > 1700000000|RFC 3339",
        "WorkflowId = 'a' OR Nope = 'x'|unknown search attribute Nope",
      })
  void refusesWhatItCannotAnswerExactly(String query, String reason) {
    assertThatThrownBy(() -> matching(query))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void valuesWithEscapesNegativeNumbersAndUnsetAttributesReadAsTheConverterWrites() {
    VisibilityRow odd =
        row(
            "d",
            0,
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
            Map.of("PaymentStatus", "say \"hi\" \\ bye", "TrafficWeight", -7L));
    assertThat(odd.attribute("PaymentStatus")).contains("say \"hi\" \\ bye");
    assertThat(odd.attribute("TrafficWeight")).contains(-7L);
    assertThat(
            VisibilityFilters.compile(
                    VisibilityQueryParser.parse(
                            "PaymentStatus = 'say \"hi\" \\\\ bye' AND TrafficWeight < 0")
                        .filter(),
                    REGISTERED)
                .test(odd))
        .isTrue();
    VisibilityRow unset =
        row(
            "e",
            0,
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
            Map.of("PaymentStatus", List.of()));
    assertThat(unset.attribute("PaymentStatus")).isEmpty();
  }

  @Test
  void everyStatusHasTheNameTemporalGivesIt() {
    assertThat(VisibilityColumns.STATUSES)
        .containsKeys(
            "Running",
            "Completed",
            "Failed",
            "Canceled",
            "Terminated",
            "ContinuedAsNew",
            "TimedOut");
  }
}
