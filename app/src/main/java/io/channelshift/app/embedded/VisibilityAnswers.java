package io.channelshift.app.embedded;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Answers list and count requests over the runs the test server holds: parse, check, filter, order,
 * page. Each request reads every run of the namespace once ({@link TestServerExecutions} says what
 * that costs) and sorts the matches; nothing is cached, so an answer is never staler than the
 * request and concurrent requests share nothing.
 */
final class VisibilityAnswers {

  /** As a cluster's default: a list without a page size gets at most this many runs a page. */
  static final int MAX_PAGE_SIZE = 1000;

  private final TestServerExecutions executions;

  VisibilityAnswers(TestServerExecutions executions) {
    this.executions = executions;
  }

  ListWorkflowExecutionsResponse list(ListWorkflowExecutionsRequest request) {
    requireNamespace(request.getNamespace());
    VisibilityQuery query = VisibilityQueryParser.parse(request.getQuery());
    if (query.groupBy().isPresent()) {
      throw new InvalidQueryException("GROUP BY is for counts only; list without it");
    }
    boolean descending = query.order().map(o -> descending(o)).orElse(true);
    Predicate<VisibilityRow> test =
        VisibilityFilters.compile(query.filter(), executions.registeredAttributes());
    VisibilityPageToken after =
        request.getNextPageToken().isEmpty()
            ? null
            : VisibilityPageToken.decode(
                request.getNextPageToken(), descending, request.getQuery());
    List<VisibilityRow> matches =
        executions.inNamespace(request.getNamespace()).stream()
            .filter(test)
            .filter(row -> after == null || after.isBefore(row))
            .sorted(order(descending))
            .toList();
    int pageSize =
        request.getPageSize() <= 0 ? MAX_PAGE_SIZE : Math.min(request.getPageSize(), MAX_PAGE_SIZE);
    List<VisibilityRow> page = matches.subList(0, Math.min(pageSize, matches.size()));
    ListWorkflowExecutionsResponse.Builder response = ListWorkflowExecutionsResponse.newBuilder();
    page.forEach(row -> response.addExecutions(row.toInfo()));
    if (matches.size() > page.size()) {
      response.setNextPageToken(
          VisibilityPageToken.after(page.get(page.size() - 1), descending, request.getQuery())
              .encode());
    }
    return response.build();
  }

  CountWorkflowExecutionsResponse count(CountWorkflowExecutionsRequest request) {
    requireNamespace(request.getNamespace());
    VisibilityQuery query = VisibilityQueryParser.parse(request.getQuery());
    if (query.order().isPresent()) {
      throw new InvalidQueryException("ORDER BY is for lists only; count without it");
    }
    query
        .groupBy()
        .filter(g -> !g.equals("ExecutionStatus"))
        .ifPresent(
            g -> {
              throw new InvalidQueryException(
                  "GROUP BY " + g + " is not supported; only GROUP BY ExecutionStatus is");
            });
    Predicate<VisibilityRow> test =
        VisibilityFilters.compile(query.filter(), executions.registeredAttributes());
    List<VisibilityRow> matches =
        executions.inNamespace(request.getNamespace()).stream().filter(test).toList();
    CountWorkflowExecutionsResponse.Builder response =
        CountWorkflowExecutionsResponse.newBuilder().setCount(matches.size());
    if (query.groupBy().isPresent()) {
      Map<String, Long> byStatus = new TreeMap<>();
      matches.forEach(
          row -> byStatus.merge(VisibilityColumns.statusName(row.status()), 1L, Long::sum));
      byStatus.forEach(
          (status, count) ->
              response.addGroups(
                  CountWorkflowExecutionsResponse.AggregationGroup.newBuilder()
                      .addGroupValues(keyword(status))
                      .setCount(count)));
    }
    return response.build();
  }

  /** Newest first when descending; runs started in the same nanosecond by run id. */
  static RowOrder order(boolean descending) {
    return new RowOrder(descending);
  }

  /** The list's order, also usable against a page token's key. */
  record RowOrder(boolean descending) implements Comparator<VisibilityRow> {

    @Override
    public int compare(VisibilityRow a, VisibilityRow b) {
      return compare(a, b.startNanos(), b.execution().getRunId());
    }

    int compare(VisibilityRow row, long startNanos, String runId) {
      int byTime = Long.compare(row.startNanos(), startNanos);
      int order = byTime != 0 ? byTime : row.execution().getRunId().compareTo(runId);
      return descending ? -order : order;
    }
  }

  private static boolean descending(VisibilityQuery.Order order) {
    if (!order.attribute().equals("StartTime")) {
      throw new InvalidQueryException(
          "ORDER BY " + order.attribute() + " is not supported; only ORDER BY StartTime is");
    }
    return order.descending();
  }

  private static void requireNamespace(String namespace) {
    if (namespace.isEmpty()) {
      throw new InvalidQueryException("namespace not set on the request");
    }
  }

  /** A group's value as a cluster sends it: a JSON string typed Keyword. */
  private static Payload keyword(String value) {
    return DefaultDataConverter.STANDARD_INSTANCE.toPayload(value).orElseThrow().toBuilder()
        .putMetadata("type", ByteString.copyFromUtf8("Keyword"))
        .build();
  }
}
