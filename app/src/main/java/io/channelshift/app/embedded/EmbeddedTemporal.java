package io.channelshift.app.embedded;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal test server bound to a port, in real time, as {@code
 * TestServer.createPortBoundServer} builds it, with {@link FiredTimerCancelGuard} and {@link
 * RetriedUpdateWithStartGuard} in front of its workflow service (two test server bugs a cluster
 * does not have), {@link EmbeddedVisibility} answering the list and count queries it leaves
 * unimplemented, ListSearchAttributes answered ({@link SearchAttributeListing}: the test server
 * leaves it out too) and its lock-event log bounded ({@link TestServerLockLog}).
 */
public final class EmbeddedTemporal implements AutoCloseable {

  private final TestServicesStarter services;
  private final Server server;

  private EmbeddedTemporal(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  static EmbeddedTemporal start(int port, String namespace) throws IOException {
    return start(port, namespace, InsecureServerCredentials.create(), List.of());
  }

  /**
   * The same server with other credentials (TLS, client certificates) and more interceptors in
   * front of every service (an API key check): a stand-in for a cluster that asks for them.
   */
  public static EmbeddedTemporal start(
      int port, String namespace, ServerCredentials credentials, List<ServerInterceptor> outermost)
      throws IOException {
    TestServicesStarter services =
        new TestServicesStarter(true, 0); // lock time skipping: real time
    TestServerLockLog.stopRecording(services);
    ServerBuilder<?> builder = Grpc.newServerBuilderForPort(port, credentials);
    List<ServerInterceptor> interceptors =
        new ArrayList<>(
            List.of(
                new EmbeddedVisibility(services),
                new FiredTimerCancelGuard(services.getWorkflowService(), namespace),
                new RetriedUpdateWithStartGuard(),
                new SearchAttributeListing(services)));
    interceptors.addAll(outermost); // ServerInterceptors.intercept runs the last one first
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder, interceptors);
    return new EmbeddedTemporal(services, builder.build().start());
  }

  TestServicesStarter services() {
    return services;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdown();
    if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
      server.shutdownNow();
    }
    services.close();
  }
}
