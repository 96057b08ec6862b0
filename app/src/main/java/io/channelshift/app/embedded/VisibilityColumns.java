package io.channelshift.app.embedded;

import com.google.protobuf.util.Timestamps;
import io.channelshift.app.embedded.VisibilityQuery.Literal;
import io.channelshift.app.embedded.VisibilityQuery.Number;
import io.channelshift.app.embedded.VisibilityQuery.Text;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The attributes a query may name on the embedded server, each with how to read it from a run and
 * how to read a literal compared with it: the system attributes ops filter on and the custom
 * Keyword and Int attributes registered on the server (ChannelShift's among them).
 */
final class VisibilityColumns {

  /**
   * A readable attribute. Values are compared as {@code Comparable}s of one class per column
   * (String, Long, or epoch nanoseconds for times), so equality and ranges are exact.
   */
  record Column(
      String name,
      String type,
      boolean ordered,
      Function<VisibilityRow, Optional<Comparable<?>>> read,
      Function<Literal, Comparable<?>> parse) {}

  /** The names {@code ExecutionStatus} takes in queries, as Temporal spells them. */
  static final Map<String, WorkflowExecutionStatus> STATUSES =
      Arrays.stream(WorkflowExecutionStatus.values())
          .filter(
              s ->
                  s != WorkflowExecutionStatus.UNRECOGNIZED
                      && s != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED)
          .collect(Collectors.toMap(VisibilityColumns::statusName, s -> s));

  private VisibilityColumns() {}

  /** {@code WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW} is {@code ContinuedAsNew}. */
  static String statusName(WorkflowExecutionStatus status) {
    StringBuilder name = new StringBuilder();
    for (String word : status.name().substring("WORKFLOW_EXECUTION_STATUS_".length()).split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase());
    }
    return name.toString();
  }

  /** The column for {@code name}, or why the embedded server cannot answer a query on it. */
  static Column named(String name, Map<String, IndexedValueType> registered) {
    return switch (name) {
      case "WorkflowId" -> keyword(name, r -> Optional.of(r.execution().getWorkflowId()));
      case "RunId" -> keyword(name, r -> Optional.of(r.execution().getRunId()));
      case "WorkflowType" -> keyword(name, r -> Optional.of(r.workflowType()));
      case "TaskQueue" -> keyword(name, r -> Optional.of(r.taskQueue()));
      case "ParentWorkflowId" -> keyword(name, r -> r.parent().map(p -> p.getWorkflowId()));
      case "ExecutionStatus" ->
          new Column(
              name,
              "ExecutionStatus",
              false,
              r -> Optional.of(statusName(r.status())),
              VisibilityColumns::status);
      case "StartTime" -> time(name, r -> Optional.of(r.startNanos()));
      case "CloseTime" -> time(name, r -> r.closeTime().map(Timestamps::toNanos));
      default -> custom(name, registered);
    };
  }

  private static Column custom(String name, Map<String, IndexedValueType> registered) {
    IndexedValueType type = registered.get(name);
    if (type == null) {
      throw new InvalidQueryException(
          "unknown search attribute "
              + name
              + " (the embedded Temporal answers WorkflowId, RunId, WorkflowType, TaskQueue, "
              + "ParentWorkflowId, ExecutionStatus, StartTime, CloseTime and registered Keyword "
              + "and Int attributes)");
    }
    return switch (type) {
      case INDEXED_VALUE_TYPE_KEYWORD ->
          keyword(
              name, r -> r.attribute(name).filter(String.class::isInstance).map(v -> (String) v));
      case INDEXED_VALUE_TYPE_INT ->
          new Column(
              name,
              "Int",
              true,
              r -> r.attribute(name).filter(Long.class::isInstance).map(v -> (Long) v),
              literal -> integer(name, literal));
      default ->
          throw new InvalidQueryException(
              "search attribute "
                  + name
                  + " is of type "
                  + type.name().substring("INDEXED_VALUE_TYPE_".length())
                  + "; the embedded Temporal answers queries on Keyword and Int attributes only");
    };
  }

  private static Column keyword(String name, Function<VisibilityRow, Optional<String>> read) {
    return new Column(
        name, "Keyword", false, r -> read.apply(r).map(v -> v), literal -> text(name, literal));
  }

  private static Column time(String name, Function<VisibilityRow, Optional<Long>> nanos) {
    return new Column(
        name, "Datetime", true, r -> nanos.apply(r).map(v -> v), literal -> instant(name, literal));
  }

  private static String text(String name, Literal literal) {
    if (literal instanceof Text text) {
      return text.value();
    }
    throw new InvalidQueryException(
        name + " is a Keyword: quote its value, as in " + name + "='x'");
  }

  private static Long integer(String name, Literal literal) {
    if (literal instanceof Number number) {
      return number.value();
    }
    throw new InvalidQueryException(
        name + " is an Int: compare it with a whole number, not " + literal);
  }

  private static Long instant(String name, Literal literal) {
    if (literal instanceof Text text) {
      try {
        return epochNanosClamped(OffsetDateTime.parse(text.value()));
      } catch (DateTimeParseException e) {
        // answered below
      }
    }
    throw new InvalidQueryException(
        name + " takes an RFC 3339 time such as '2026-01-31T08:00:00Z', not " + literal);
  }

  /**
   * Nanoseconds since the epoch, clamped to a long's range for times after 2262 or before 1677.
   * Clamping is exact here: every run's own time fits in a long, so a bound beyond the range
   * compares with every run as the real time would.
   */
  static long epochNanosClamped(OffsetDateTime time) {
    try {
      return Math.addExact(
          Math.multiplyExact(time.toEpochSecond(), 1_000_000_000L), time.getNano());
    } catch (ArithmeticException e) {
      return time.toEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static String status(Literal literal) {
    if (literal instanceof Text text && STATUSES.containsKey(text.value())) {
      return text.value();
    }
    throw new InvalidQueryException(
        "ExecutionStatus is one of Running, Completed, Failed, Canceled, Terminated, "
            + "ContinuedAsNew, TimedOut, not "
            + literal);
  }
}
