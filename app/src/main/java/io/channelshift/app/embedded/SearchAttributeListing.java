package io.channelshift.app.embedded;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Answers OperatorService ListSearchAttributes for the embedded Temporal test server, which leaves
 * it unimplemented, from the attributes the server really holds (its visibility store): the worker
 * checks its search attributes there as it does on a cluster ({@code SearchAttributeCheck}), and
 * {@code temporal operator search-attribute list} works on {@code dev}. The store does not tell
 * system attributes from custom ones; {@code TemporalChangeVersion} is the one system attribute it
 * holds, and the rest are listed as custom.
 */
final class SearchAttributeListing implements ServerInterceptor {

  private static final String LIST =
      OperatorServiceGrpc.getListSearchAttributesMethod().getFullMethodName();
  private static final String CHANGE_VERSION = "TemporalChangeVersion";

  private final Object visibilityStore;
  private final Method registered;

  SearchAttributeListing(TestServicesStarter services) {
    try {
      Field store = TestServicesStarter.class.getDeclaredField("visibilityStore");
      store.setAccessible(true);
      visibilityStore = store.get(services);
      registered = store.getType().getMethod("getRegisteredSearchAttributes");
      registered.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot read the Temporal test server's search attributes (did its internals change with"
              + " a Temporal upgrade?): "
              + e,
          e);
    }
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    if (!call.getMethodDescriptor().getFullMethodName().equals(LIST)) {
      return next.startCall(call, headers);
    }
    call.request(1);
    return new ServerCall.Listener<>() {
      @Override
      @SuppressWarnings("unchecked")
      public void onHalfClose() {
        call.sendHeaders(new Metadata());
        call.sendMessage((A) response());
        call.close(Status.OK, new Metadata());
      }
    };
  }

  ListSearchAttributesResponse response() {
    ListSearchAttributesResponse.Builder response = ListSearchAttributesResponse.newBuilder();
    attributes()
        .forEach(
            (name, type) -> {
              if (name.equals(CHANGE_VERSION)) {
                response.putSystemAttributes(name, type);
              } else {
                response.putCustomAttributes(name, type);
              }
            });
    return response.build();
  }

  @SuppressWarnings("unchecked")
  private Map<String, IndexedValueType> attributes() {
    try {
      return Map.copyOf((Map<String, IndexedValueType>) registered.invoke(visibilityStore));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the test server's search attributes", e);
    }
  }
}
