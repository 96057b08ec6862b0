package io.channelshift.config;

import io.channelshift.temporal.TemporalNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers ChannelShift's custom search attributes on the namespace, one by one, where the server
 * allows it. Where it does not (Temporal Cloud, restricted clusters) it says which {@code temporal}
 * commands to run.
 */
public final class SearchAttributeRegistration {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistration.class);

  private SearchAttributeRegistration() {}

  /** As {@link #register(TemporalProperties)} on a plain connection to {@code target}. */
  public static List<String> register(String target, String namespace) {
    return register(TemporalProperties.plain(target, namespace));
  }

  /**
   * Registers on the namespace, connecting as the workers do (TLS, client certificate, API key).
   * Returns the names that could not be registered (empty when all are in place).
   */
  public static List<String> register(TemporalProperties temporal) {
    String namespace = temporal.namespace();
    List<String> missing = new ArrayList<>();
    OperatorServiceStubs operator = operatorStubs(temporal);
    try {
      for (SearchAttributeKey<?> key : TemporalNames.CUSTOM_SEARCH_ATTRIBUTES) {
        Status.Code answer = registerOne(operator, namespace, key);
        if (!registered(answer)) {
          missing.add(key.getName());
          log.warn(
              "cannot register search attribute {} ({}); run: {}",
              key.getName(),
              answer,
              createCommand(temporal, key));
        }
      }
    } finally {
      operator.shutdown();
    }
    return missing;
  }

  static OperatorServiceStubs operatorStubs(TemporalProperties temporal) {
    return OperatorServiceStubs.newServiceStubs(
        TemporalConnection.configure(OperatorServiceStubsOptions.newBuilder(), temporal)
            .validateAndBuildWithDefaults());
  }

  /** Adds one attribute; the server's answer (OK, ALREADY_EXISTS, or why not). */
  static Status.Code registerOne(
      OperatorServiceStubs operator, String namespace, SearchAttributeKey<?> key) {
    try {
      operator
          .blockingStub()
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace(namespace)
                  .putSearchAttributes(key.getName(), key.getValueType())
                  .build());
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  /** The attribute is there after this answer (added now, or before). */
  static boolean registered(Status.Code answer) {
    return answer == Status.Code.OK || answer == Status.Code.ALREADY_EXISTS;
  }

  /** The Temporal CLI command that creates {@code key} on this process's namespace. */
  static String createCommand(TemporalProperties temporal, SearchAttributeKey<?> key) {
    return "temporal operator search-attribute create --address "
        + temporal.target()
        + " --namespace "
        + temporal.namespace()
        + " --name "
        + key.getName()
        + " --type "
        + cliType(key.getValueType());
  }

  static String cliType(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      case INDEXED_VALUE_TYPE_BOOL -> "Bool";
      case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
      default -> "Text";
    };
  }
}
