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
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            TemporalConnection.configure(OperatorServiceStubsOptions.newBuilder(), temporal)
                .validateAndBuildWithDefaults());
    try {
      for (SearchAttributeKey<?> key : TemporalNames.CUSTOM_SEARCH_ATTRIBUTES) {
        try {
          operator
              .blockingStub()
              .addSearchAttributes(
                  AddSearchAttributesRequest.newBuilder()
                      .setNamespace(namespace)
                      .putSearchAttributes(key.getName(), key.getValueType())
                      .build());
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
            missing.add(key.getName());
            log.warn(
                "cannot register search attribute {} ({}); run: temporal operator search-attribute create "
                    + "--namespace {} --name {} --type {}",
                key.getName(),
                e.getStatus().getCode(),
                namespace,
                key.getName(),
                cliType(key.getValueType()));
          }
        }
      }
    } finally {
      operator.shutdown();
    }
    return missing;
  }

  private static String cliType(IndexedValueType type) {
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
