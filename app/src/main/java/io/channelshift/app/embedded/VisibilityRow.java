package io.channelshift.app.embedded;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.internal.common.SearchAttributesUtil;
import java.util.List;
import java.util.Optional;

/**
 * One execution as the test server holds it, read at one moment: what a list answers and a query
 * filters on. Search attributes are the current ones (as the last upsert left them) and are decoded
 * only when a query asks for them.
 */
record VisibilityRow(
    WorkflowExecution execution,
    String workflowType,
    String taskQueue,
    Timestamp startTime,
    Optional<Timestamp> closeTime,
    WorkflowExecutionStatus status,
    long historyLength,
    Optional<WorkflowExecution> parent,
    SearchAttributes searchAttributes) {

  long startNanos() {
    return Timestamps.toNanos(startTime);
  }

  /**
   * A custom search attribute's value: a String (Keyword, Text), a Long (Int), a Double, a Boolean,
   * or a list (KeywordList); empty when the execution does not have it or it was unset.
   */
  Optional<Object> attribute(String name) {
    Payload payload = searchAttributes.getIndexedFieldsMap().get(name);
    if (payload == null) {
      return Optional.empty();
    }
    List<?> values = SearchAttributesUtil.decode(payload);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(values.size() == 1 ? values.get(0) : values);
  }

  WorkflowExecutionInfo toInfo() {
    WorkflowExecutionInfo.Builder info =
        WorkflowExecutionInfo.newBuilder()
            .setExecution(execution)
            .setType(io.temporal.api.common.v1.WorkflowType.newBuilder().setName(workflowType))
            .setTaskQueue(taskQueue)
            .setStartTime(startTime)
            .setExecutionTime(startTime)
            .setStatus(status)
            .setHistoryLength(historyLength)
            .setSearchAttributes(searchAttributes);
    closeTime.ifPresent(info::setCloseTime);
    parent.ifPresent(info::setParentExecution);
    return info.build();
  }
}
