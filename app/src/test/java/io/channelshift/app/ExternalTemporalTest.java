package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.EmbeddedTemporal;
import io.channelshift.app.embedded.ExternalTemporal;
import io.channelshift.app.embedded.FreePorts;
import io.channelshift.app.embedded.RefusingOperator;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.config.TemporalNotUsable;
import io.channelshift.temporal.TemporalNames;
import io.channelshift.worker.WorkerApplication;
import io.grpc.InsecureServerCredentials;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * {@code dev} on a Temporal of the user's ({@code --temporal}, e.g. {@code temporal server
 * start-dev}), played here by a second embedded Temporal server on a port of its own: the stack
 * runs everything else against it, registers the search attributes there, lets its UI decode
 * payloads; an address with nothing behind it stops start-up at once; and a worker refuses a
 * namespace without the search attributes (registration denied, as on Temporal Cloud).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalTemporalTest {

  private static final String UI = "http://127.0.0.1:18233";

  private EmbeddedTemporal external;
  private String target;
  private EmbeddedStack stack;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start() throws Exception {
    int port = FreePorts.next();
    external =
        EmbeddedTemporal.start(port, "default", InsecureServerCredentials.create(), List.of());
    target = "127.0.0.1:" + port;
    stack =
        EmbeddedStack.start(
            StackOptions.ephemeral(DemoScenarios.TIMING)
                .withExternalTemporal(new ExternalTemporal(target, "default", UI + "/"))
                // the stand-in has no Temporal Schedules; a real server gets the Schedule
                .withProperties(Map.of("channelshift.reconciliation.scheduler", "workflow")));
  }

  @AfterAll
  void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
    external.close();
  }

  @Test
  void aPaymentRunsOnTheExternalTemporal_withItsSearchAttributes() {
    DemoClient api = new DemoClient(stack);
    assertThat(api.createPayment("ext-1", "alice", 1234).status()).isEqualTo(201);

    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      DescribeWorkflowExecutionResponse described =
          stubs
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace("default")
                      .setExecution(
                          WorkflowExecution.newBuilder()
                              .setWorkflowId(TemporalNames.paymentWorkflowId("ext-1")))
                      .build());
      assertThat(described.getWorkflowExecutionInfo().getSearchAttributes().getIndexedFieldsMap())
          .containsKeys("PaymentStatus", "PaymentChannel");
    } finally {
      stubs.shutdownNow();
    }
    assertThat(stack.addresses())
        .containsEntry("Temporal (external, gRPC)", target + "  (namespace default)")
        .containsEntry("Temporal UI", UI)
        .doesNotContainKey("Temporal (test server, gRPC)");
  }

  @Test
  void theSearchAttributesAreRegisteredThere_withTheirTypes() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
    try {
      Map<String, IndexedValueType> listed =
          operator
              .blockingStub()
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
              .getCustomAttributesMap();
      for (SearchAttributeKey<?> key : TemporalNames.CUSTOM_SEARCH_ATTRIBUTES) {
        assertThat(listed).containsEntry(key.getName(), key.getValueType());
      }
    } finally {
      operator.shutdownNow();
    }
  }

  @Test
  void theCodecEndpointAllowsTheUiGiven_andNotTheDefaultOne() throws Exception {
    assertThat(preflightFrom(UI).headers().firstValue("Access-Control-Allow-Origin")).hasValue(UI);
    assertThat(
            preflightFrom(EmbeddedStack.TEMPORAL_UI)
                .headers()
                .firstValue("Access-Control-Allow-Origin"))
        .isEmpty();
  }

  @Test
  void anAddressWithNothingBehindIt_stopsStartUpAtOnce_leavingNothingRunning() {
    String nowhere = "127.0.0.1:" + FreePorts.next();
    int api = FreePorts.next();
    int legacy = FreePorts.next();
    int nova = FreePorts.next();
    StackOptions options =
        new StackOptions(
            0,
            api,
            legacy,
            nova,
            DemoScenarios.TIMING,
            null,
            true,
            Map.of(),
            Map.of(),
            true,
            false,
            Optional.of(new ExternalTemporal(nowhere, null, null)));

    long begun = System.nanoTime();
    assertThatThrownBy(() -> EmbeddedStack.start(options))
        .isInstanceOf(TemporalNotUsable.class)
        .hasMessageStartingWith("Temporal at " + nowhere + " is not reachable");
    assertThat(Duration.ofNanos(System.nanoTime() - begun)).isLessThan(Duration.ofSeconds(15));
    FreePorts.requireFree(api, "the REST API");
    FreePorts.requireFree(legacy, "the legacy sandbox");
    FreePorts.requireFree(nova, "the nova sandbox");
  }

  @Test
  void devWithAnAddressWithNothingBehindIt_saysSoInOneLine_andExitsNonZero() {
    String nowhere = "127.0.0.1:" + FreePorts.next();
    StringWriter err = new StringWriter();
    CommandLine dev = new CommandLine(new DevCommand()).setErr(new PrintWriter(err, true));

    int code = dev.execute("--temporal", nowhere);

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip())
        .startsWith("dev: Temporal at " + nowhere + " is not reachable")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void theWorkerRefusesToStart_onANamespaceWithoutTheSearchAttributes_namingEveryOne()
      throws Exception {
    int port = FreePorts.next();
    String refusingTarget = "127.0.0.1:" + port;
    try (EmbeddedTemporal refusing =
        EmbeddedTemporal.start(
            port, "default", InsecureServerCredentials.create(), List.of(new RefusingOperator()))) {
      Map<String, String> props = new LinkedHashMap<>(stack.workerProperties());
      props.put("channelshift.temporal.target", refusingTarget);
      assertThatThrownBy(() -> WorkerApplication.application().run(args(props)))
          .hasRootCauseInstanceOf(TemporalNotUsable.class)
          .rootCause()
          .hasMessageContaining("refused (PERMISSION_DENIED)")
          .satisfies(
              e -> {
                for (SearchAttributeKey<?> key : TemporalNames.CUSTOM_SEARCH_ATTRIBUTES) {
                  assertThat(e.getMessage())
                      .contains(key.getName() + " (")
                      .contains("--name " + key.getName() + " --type");
                }
              });

      // and as `./channelshift worker --temporal HOST:PORT ...`: exit code 1, nothing left running
      props.remove("channelshift.temporal.target");
      List<String> command = new ArrayList<>(List.of("--temporal", refusingTarget));
      command.addAll(List.of(args(props)));
      assertThat(new CommandLine(new WorkerCommand()).execute(command.toArray(String[]::new)))
          .isEqualTo(1);
    }
  }

  private HttpResponse<String> preflightFrom(String origin) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + "/codec/decode"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "authorization,content-type,x-namespace")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String[] args(Map<String, String> props) {
    return props.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }
}
