package io.channelshift.temporal;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;

/**
 * Registers every custom search attribute on a test environment, with the type each one has in
 * production.
 */
public final class TestSearchAttributes {

  private TestSearchAttributes() {}

  public static void register(TestWorkflowEnvironment env) {
    for (var key : TemporalNames.CUSTOM_SEARCH_ATTRIBUTES) {
      env.registerSearchAttribute(
          key.getName(),
          key.getValueType() == IndexedValueType.INDEXED_VALUE_TYPE_INT
              ? IndexedValueType.INDEXED_VALUE_TYPE_INT
              : IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
  }
}
