package io.channelshift.app.embedded;

import com.google.protobuf.ByteString;
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

  private static final ByteString JSON = ByteString.copyFromUtf8("json/plain");

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
    if (JSON.equals(payload.getMetadataMap().get("encoding"))) {
      Optional<Object> plain = plainValue(payload.getData().toStringUtf8());
      if (plain.isPresent()) {
        return plain;
      }
    }
    List<?> values = SearchAttributesUtil.decode(payload);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(values.size() == 1 ? values.get(0) : values);
  }

  /**
   * A JSON string without escapes or a JSON integer, read without the data converter's Jackson
   * round trip (a query over thousands of runs reads a value of each); anything else is left to it.
   */
  private static Optional<Object> plainValue(String json) {
    int last = json.length() - 1;
    if (last > 0 && json.charAt(0) == '"' && json.charAt(last) == '"') {
      String text = json.substring(1, last);
      return text.indexOf('\\') < 0 && text.indexOf('"') < 0 ? Optional.of(text) : Optional.empty();
    }
    boolean integer = !json.isEmpty() && json.length() <= 18;
    for (int i = 0; i < json.length() && integer; i++) {
      char c = json.charAt(i);
      integer = (c >= '0' && c <= '9') || (c == '-' && i == 0 && json.length() > 1);
    }
    return integer ? Optional.of(Long.parseLong(json)) : Optional.empty();
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
