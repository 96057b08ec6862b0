package io.channelshift.app.embedded;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * What a cluster with API keys does: a call without {@code authorization: Bearer <key>} is
 * UNAUTHENTICATED.
 */
public final class ApiKeyCheck implements ServerInterceptor {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final String expected;

  public ApiKeyCheck(String apiKey) {
    this.expected = "Bearer " + apiKey;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    if (!expected.equals(headers.get(AUTHORIZATION))) {
      call.close(Status.UNAUTHENTICATED.withDescription("no valid API key"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
