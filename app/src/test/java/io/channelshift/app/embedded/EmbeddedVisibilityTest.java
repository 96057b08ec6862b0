package io.channelshift.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import io.channelshift.config.SearchAttributeRegistration;
import io.channelshift.temporal.TemporalNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded server's list and count, called as the Temporal UI and CLI call them, over runs of
 * every status with ChannelShift's search attributes set, changed and carried over a
 * continue-as-new.
 */
class EmbeddedVisibilityTest {

  private static final String NS = "default";
  private static final String QUEUE = "visibility";

  private static EmbeddedTemporal temporal;
  private static WorkflowServiceStubs service;
  private static WorkerFactory workers;
  private static WorkflowClient client;

  /**
   * Start times by workflow id (the first run's for v7, whose second run, started when it was asked
   * to continue as new, is the newest of all).
   */
  private static final Map<String, String> started = new HashMap<>();

  @BeforeAll
  static void startRunsOfEveryKind() throws Exception {
    int port = FreePorts.next();
    temporal = EmbeddedTemporal.start(port, NS);
    assertThat(SearchAttributeRegistration.register("127.0.0.1:" + port, NS)).isEmpty();
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    client = WorkflowClient.newInstance(service);
    workers = WorkerFactory.newInstance(client);
    workers.newWorker(QUEUE).registerWorkflowImplementationTypes(TaggedImpl.class, PlainImpl.class);
    workers.start();

    start("v1", "FULFILLED", 10, "legacy");
    start("v2", "FULFILLED", 50, "nova");
    start("v3", "AWAITING_PAYMENT", 50, "legacy");
    start("v4", "CLOSED", 90, "nova");
    Plain plain = client.newWorkflowStub(Plain.class, options("v5"));
    WorkflowClient.start(plain::run);
    pause();
    start("v6", "AWAITING_PAYMENT", 0, "legacy");
    start("v7", "QUERYING", 30, "nova");
    start("v8", "CREATED", 70, "legacy");
    Tagged timesOut =
        client.newWorkflowStub(
            Tagged.class,
            options("v9").toBuilder()
                .setWorkflowRunTimeout(Duration.ofSeconds(1))
                // set at start: on a busy machine the run may time out before its first task
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(TemporalNames.PAYMENT_STATUS, "CREATED")
                        .set(TemporalNames.TRAFFIC_WEIGHT, 5L)
                        .set(TemporalNames.PAYMENT_CHANNEL, "nova")
                        .build())
                .build());
    WorkflowClient.start(timesOut::run, "CREATED", 5L, "nova");

    signal("v1", "complete");
    signal("v4", "fail");
    signal("v6", "upsert:FULFILLED");
    signal("v7", "continue:REFUNDED");
    WorkflowStub.fromTyped(client.newWorkflowStub(Plain.class, "v5")).terminate("test");
    client.newUntypedWorkflowStub("v8").cancel();
    for (String ended : List.of("v1", "v4", "v5", "v8", "v9")) {
      awaitEnd(ended);
    }
    awaitStatus("PaymentStatus = 'FULFILLED' AND WorkflowId = 'v6'", 1);
    awaitStatus("PaymentStatus = 'REFUNDED' AND WorkflowId = 'v7'", 1);
    for (WorkflowExecutionInfo info : listAll("ORDER BY StartTime ASC", 0)) {
      started.putIfAbsent(
          info.getExecution().getWorkflowId(), Timestamps.toString(info.getStartTime()));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    workers.shutdownNow();
    workers.awaitTermination(5, TimeUnit.SECONDS);
    service.shutdownNow();
    temporal.close();
  }

  @Test
  void equalityAndInOnChannelShiftsAttributes_withTheirCurrentValues() {
    assertThat(ids("PaymentStatus = \"FULFILLED\"")).containsExactly("v6", "v2", "v1");
    assertThat(ids("PaymentStatus IN ('CLOSED', 'REFUNDED')")).containsExactly("v7", "v4");
    assertThat(ids("PaymentStatus NOT IN ('FULFILLED', 'CREATED')"))
        .containsExactly("v7", "v7", "v4", "v3"); // v7's first run is QUERYING, its second REFUNDED
    assertThat(ids("PaymentStatus != 'FULFILLED' AND PaymentChannel = 'legacy'"))
        .containsExactly("v8", "v3");
    assertThat(ids("TrafficWeight = 50")).containsExactly("v3", "v2");
    assertThat(ids("TrafficWeight >= 50 AND TrafficWeight < 90")).containsExactly("v8", "v3", "v2");
    assertThat(ids("TrafficWeight BETWEEN 30 AND 50")).containsExactly("v7", "v7", "v3", "v2");
    assertThat(ids("ProductType IS NULL")).hasSize(10);
    assertThat(ids("PaymentStatus IS NULL")).containsExactly("v5");
  }

  @Test
  void systemAttributesAndEveryStatus() {
    assertThat(ids("WorkflowId = 'v3'")).containsExactly("v3");
    assertThat(ids("WorkflowId IN ('v1', 'v5', 'nope')")).containsExactly("v5", "v1");
    assertThat(ids("WorkflowType = 'Plain'")).containsExactly("v5");
    assertThat(ids("WorkflowType STARTS_WITH 'Pla'")).containsExactly("v5");
    assertThat(ids("WorkflowId STARTS_WITH 'v' AND PaymentStatus STARTS_WITH 'AWAIT'"))
        .containsExactly("v3");
    assertThat(ids("ExecutionStatus = 'Running'")).containsExactly("v7", "v6", "v3", "v2");
    assertThat(ids("ExecutionStatus = 'Completed'")).containsExactly("v1");
    assertThat(ids("ExecutionStatus = 'Failed'")).containsExactly("v4");
    assertThat(ids("ExecutionStatus = 'Terminated'")).containsExactly("v5");
    assertThat(ids("ExecutionStatus = 'Canceled'")).containsExactly("v8");
    assertThat(ids("ExecutionStatus = 'TimedOut'")).containsExactly("v9");
    assertThat(ids("ExecutionStatus = 'ContinuedAsNew'")).containsExactly("v7");
    assertThat(ids("ExecutionStatus != 'Running'"))
        .containsExactly("v9", "v8", "v7", "v5", "v4", "v1");
    WorkflowExecutionInfo newRun =
        listAll("WorkflowId = 'v7' AND ExecutionStatus = 'Running'", 0).get(0);
    assertThat(newRun.hasCloseTime()).isFalse();
    assertThat(newRun.getSearchAttributes().getIndexedFieldsMap()).containsKey("PaymentStatus");
    WorkflowExecutionInfo failed = listAll("WorkflowId = 'v4'", 0).get(0);
    assertThat(failed.getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
    assertThat(failed.getType().getName()).isEqualTo("Tagged");
    assertThat(Timestamps.compare(failed.getCloseTime(), failed.getStartTime())).isPositive();
  }

  @Test
  void andBindsTighterThanOr() {
    assertThat(ids("WorkflowId = 'v1' OR PaymentChannel = 'nova' AND TrafficWeight = 90"))
        .containsExactly("v4", "v1");
    assertThat(ids("(WorkflowId = 'v1' OR PaymentChannel = 'nova') AND TrafficWeight = 90"))
        .containsExactly("v4");
    assertThat(
            ids(
                "(WorkflowId = 'v1' OR WorkflowId = 'v2') AND (TrafficWeight = 10 OR TrafficWeight = 50)"))
        .containsExactly("v2", "v1");
  }

  @Test
  void startTimeRangesInRfc3339() {
    String t2 = started.get("v2");
    String t4 = started.get("v4");
    assertThat(ids("StartTime > '" + t4 + "'")).containsExactly("v7", "v9", "v8", "v7", "v6", "v5");
    assertThat(ids("StartTime >= '" + t4 + "' AND StartTime < '" + started.get("v6") + "'"))
        .containsExactly("v5", "v4");
    assertThat(ids("StartTime <= '" + t2 + "'")).containsExactly("v2", "v1");
    assertThat(ids("StartTime < '" + t2 + "'")).containsExactly("v1");
    assertThat(ids("StartTime BETWEEN '" + t2 + "' AND '" + t4 + "'"))
        .containsExactly("v4", "v3", "v2");
    assertThat(ids("StartTime > '2000-01-01T08:00:00+08:00'")).hasSize(10);
    assertThat(ids("StartTime < '2000-01-01T00:00:00Z'")).isEmpty();
  }

  @Test
  void newestFirstByDefault_andAsOrdered() {
    List<String> newestFirst = ids("");
    assertThat(newestFirst)
        .containsExactly("v7", "v9", "v8", "v7", "v6", "v5", "v4", "v3", "v2", "v1");
    assertThat(ids("ORDER BY StartTime DESC")).isEqualTo(newestFirst);
    assertThat(ids("ORDER BY StartTime ASC"))
        .containsExactly("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v7");
    assertThat(ids("TrafficWeight > 10 order by StartTime"))
        .containsExactly("v2", "v3", "v4", "v7", "v8", "v7");
  }

  @Test
  void pagesCoverTheListOnceWithoutDuplicatesOrGaps() {
    for (String query : List.of("", "ORDER BY StartTime ASC", "ExecutionStatus != 'Running'")) {
      List<WorkflowExecutionInfo> whole = listAll(query, 0);
      for (int pageSize : List.of(1, 2, 3, 4)) {
        List<WorkflowExecutionInfo> paged = listAll(query, pageSize);
        assertThat(paged).as(query + " by " + pageSize).isEqualTo(whole);
      }
    }
    ListWorkflowExecutionsResponse last =
        service
            .blockingStub()
            .listWorkflowExecutions(
                ListWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(NS)
                    .setQuery("WorkflowId = 'v3'")
                    .setPageSize(1)
                    .build());
    assertThat(last.getExecutionsCount()).isEqualTo(1);
    assertThat(last.getNextPageToken()).as("no page after the last").isEmpty();
  }

  @Test
  void aPageTokenOnlyWorksForItsOwnQuery() {
    ByteString token =
        service
            .blockingStub()
            .listWorkflowExecutions(
                ListWorkflowExecutionsRequest.newBuilder().setNamespace(NS).setPageSize(2).build())
            .getNextPageToken();
    assertThat(token).isNotEmpty();
    assertInvalid(
        ListWorkflowExecutionsRequest.newBuilder()
            .setNamespace(NS)
            .setQuery("ORDER BY StartTime ASC")
            .setNextPageToken(token),
        "belongs to another query");
    assertInvalid(
        ListWorkflowExecutionsRequest.newBuilder()
            .setNamespace(NS)
            .setNextPageToken(ByteString.copyFromUtf8("forged|D|1|2|x")),
        "not one this server gave");
  }

  @Test
  void countsMatchLists() {
    for (String query :
        List.of(
            "",
            "PaymentStatus = 'FULFILLED'",
            "ExecutionStatus = 'Running' OR TrafficWeight > 60",
            "StartTime > '" + started.get("v3") + "'")) {
      assertThat(count(query).getCount()).as(query).isEqualTo(ids(query).size());
    }
    CountWorkflowExecutionsResponse grouped = count("GROUP BY ExecutionStatus");
    assertThat(grouped.getCount()).isEqualTo(10);
    Map<String, Long> byStatus = new HashMap<>();
    grouped
        .getGroupsList()
        .forEach(
            g ->
                byStatus.put(
                    DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                        g.getGroupValues(0), String.class, String.class),
                    g.getCount()));
    assertThat(byStatus)
        .isEqualTo(
            Map.of(
                "Running", 4L,
                "Completed", 1L,
                "Failed", 1L,
                "Terminated", 1L,
                "Canceled", 1L,
                "TimedOut", 1L,
                "ContinuedAsNew", 1L));
    assertThat(count("PaymentChannel = 'nova' GROUP BY ExecutionStatus").getCount()).isEqualTo(5);
  }

  @Test
  void theJavaClientsListAndCount() {
    List<String> listed =
        client
            .listExecutions("PaymentChannel = 'legacy' AND ExecutionStatus = 'Running'")
            .map(WorkflowExecutionMetadata::getExecution)
            .map(WorkflowExecution::getWorkflowId)
            .toList();
    assertThat(listed).containsExactly("v6", "v3");
    assertThat(client.countWorkflows("PaymentChannel = 'legacy'").getCount()).isEqualTo(4);
  }

  @Test
  void otherNamespacesListNothing() {
    assertThat(
            service
                .blockingStub()
                .listWorkflowExecutions(
                    ListWorkflowExecutionsRequest.newBuilder().setNamespace("elsewhere").build())
                .getExecutionsList())
        .isEmpty();
  }

  @Test
  void queriesItCannotAnswerAreInvalidArguments_neverAWrongList() {
    Map<String, String> refusals = new HashMap<>();
    refusals.put("Nope = 'x'", "unknown search attribute Nope");
    refusals.put("ExecutionStatus STARTS_WITH 'Run'", "STARTS_WITH is for Keyword attributes");
    refusals.put("PaymentStatus LIKE 'FUL%'", "LIKE is not supported");
    refusals.put("PaymentStatus = ", "expected a quoted value");
    refusals.put("PaymentStatus > 'A'", "> is not supported on PaymentStatus");
    refusals.put("TrafficWeight = 'high'", "TrafficWeight is an Int");
    refusals.put("StartTime > 'yesterday'", "RFC 3339");
    refusals.put("ORDER BY WorkflowId", "only ORDER BY StartTime");
    refusals.put("GROUP BY ExecutionStatus", "GROUP BY is for counts only");
    refusals.put("TemporalChangeVersion = 'x'", "of type KEYWORD_LIST");
    refusals.forEach(
        (query, reason) ->
            assertInvalid(
                ListWorkflowExecutionsRequest.newBuilder().setNamespace(NS).setQuery(query),
                reason));
    assertThatThrownBy(() -> count("GROUP BY WorkflowType"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("only GROUP BY ExecutionStatus");
    assertThatThrownBy(() -> count("ORDER BY StartTime"))
        .hasMessageContaining("INVALID_ARGUMENT")
        .hasMessageContaining("ORDER BY is for lists only");
  }

  @Test
  void listsWhileRunsStartAreConsistentAndStayInTheirNamespace() throws Exception {
    WorkflowClient racing =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace("race").build());
    List<Thread> readers = new ArrayList<>();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    for (int r = 0; r < 4; r++) {
      Thread reader =
          new Thread(
              () -> {
                try {
                  long seen = 0;
                  for (int i = 0; i < 40; i++) {
                    List<WorkflowExecutionInfo> paged =
                        listAll("race", "PaymentChannel = 'race'", 3);
                    Set<String> runs = new HashSet<>();
                    paged.forEach(
                        info -> assertThat(runs.add(info.getExecution().getRunId())).isTrue());
                    assertThat(runs.size())
                        .as("runs only start")
                        .isGreaterThanOrEqualTo((int) seen);
                    seen = runs.size();
                  }
                } catch (Throwable t) {
                  failures.add(t);
                }
              });
      reader.start();
      readers.add(reader);
    }
    for (int i = 0; i < 20; i++) {
      racing
          .newUntypedWorkflowStub(
              "Racer",
              WorkflowOptions.newBuilder()
                  .setWorkflowId("race-" + i)
                  .setTaskQueue("nobody-polls")
                  .setTypedSearchAttributes(
                      SearchAttributes.newBuilder()
                          .set(TemporalNames.PAYMENT_CHANNEL, "race")
                          .set(TemporalNames.TRAFFIC_WEIGHT, (long) i)
                          .build())
                  .build())
          .start();
    }
    for (Thread reader : readers) {
      reader.join();
    }
    assertThat(failures).isEmpty();
    assertThat(listAll("race", "PaymentChannel = 'race' AND TrafficWeight >= 10", 3)).hasSize(10);
    assertThat(ids("PaymentChannel = 'race'")).as("not in the default namespace").isEmpty();
  }

  // ---- helpers

  private static List<String> ids(String query) {
    return listAll(query, 0).stream().map(i -> i.getExecution().getWorkflowId()).toList();
  }

  private static List<WorkflowExecutionInfo> listAll(String query, int pageSize) {
    return listAll(NS, query, pageSize);
  }

  private static List<WorkflowExecutionInfo> listAll(String namespace, String query, int pageSize) {
    List<WorkflowExecutionInfo> all = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    do {
      ListWorkflowExecutionsResponse page =
          service
              .blockingStub()
              .listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(namespace)
                      .setQuery(query)
                      .setPageSize(pageSize)
                      .setNextPageToken(token)
                      .build());
      if (pageSize > 0) {
        assertThat(page.getExecutionsCount()).isLessThanOrEqualTo(pageSize);
      }
      all.addAll(page.getExecutionsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return all;
  }

  private static CountWorkflowExecutionsResponse count(String query) {
    return service
        .blockingStub()
        .countWorkflowExecutions(
            CountWorkflowExecutionsRequest.newBuilder().setNamespace(NS).setQuery(query).build());
  }

  private static void assertInvalid(ListWorkflowExecutionsRequest.Builder request, String reason) {
    assertThatThrownBy(() -> service.blockingStub().listWorkflowExecutions(request.build()))
        .as(request.getQuery())
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining(reason);
  }

  private static WorkflowOptions options(String id) {
    return WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE).build();
  }

  private static void start(String id, String status, long weight, String channel)
      throws InterruptedException {
    Tagged tagged = client.newWorkflowStub(Tagged.class, options(id));
    WorkflowClient.start(tagged::run, status, weight, channel);
    pause();
  }

  /** Start times are kept to the millisecond: a pause keeps each run's distinct. */
  private static void pause() throws InterruptedException {
    Thread.sleep(15);
  }

  private static void signal(String id, String what) {
    client.newWorkflowStub(Tagged.class, id).end(what);
  }

  private static void awaitEnd(String id) {
    try {
      client.newUntypedWorkflowStub(id).getResult(30, TimeUnit.SECONDS, Void.class);
    } catch (Exception expected) {
      // failed, terminated, canceled, timed out: ended all the same
    }
  }

  private static void awaitStatus(String query, int expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (ids(query).size() != expected && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ids(query)).as(query).hasSize(expected);
  }

  @WorkflowInterface
  public interface Tagged {
    @WorkflowMethod
    void run(String status, long weight, String channel);

    /** complete, fail, upsert:STATUS, continue:STATUS. */
    @SignalMethod
    void end(String how);
  }

  public static class TaggedImpl implements Tagged {
    private final List<String> asked = new ArrayList<>();

    @Override
    public void run(String status, long weight, String channel) {
      Workflow.upsertTypedSearchAttributes(
          TemporalNames.PAYMENT_STATUS.valueSet(status),
          TemporalNames.TRAFFIC_WEIGHT.valueSet(weight),
          TemporalNames.PAYMENT_CHANNEL.valueSet(channel));
      while (true) {
        Workflow.await(() -> !asked.isEmpty());
        String how = asked.remove(0);
        if (how.equals("complete")) {
          return;
        }
        if (how.equals("fail")) {
          throw ApplicationFailure.newNonRetryableFailure("asked to fail", "Test");
        }
        String value = how.substring(how.indexOf(':') + 1);
        if (how.startsWith("continue:")) {
          Workflow.continueAsNew(value, weight, channel);
        }
        Workflow.upsertTypedSearchAttributes(TemporalNames.PAYMENT_STATUS.valueSet(value));
      }
    }

    @Override
    public void end(String how) {
      asked.add(how);
    }
  }

  @WorkflowInterface
  public interface Plain {
    @WorkflowMethod
    void run();
  }

  public static class PlainImpl implements Plain {
    @Override
    public void run() {
      Workflow.await(() -> false);
    }
  }
}
