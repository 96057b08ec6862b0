package io.channelshift.starter.migrations;

import static io.channelshift.temporal.TemporalNames.FROM_CHANNEL;
import static io.channelshift.temporal.TemporalNames.MIGRATION_PHASE;
import static io.channelshift.temporal.TemporalNames.TO_CHANNEL;
import static io.channelshift.temporal.TemporalNames.TRAFFIC_WEIGHT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.migration.EngineerAction;
import io.channelshift.migration.MigrationInput;
import io.channelshift.migration.MigrationPhase;
import io.channelshift.migration.MigrationPlan;
import io.channelshift.migration.MigrationStatus;
import io.channelshift.migration.MigrationWorkflow;
import io.channelshift.routing.RoutingTable;
import io.channelshift.starter.security.Requester;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.BoundedWaits;
import io.channelshift.store.MigrationStore;
import io.channelshift.store.MigrationStore.Registration;
import io.channelshift.store.RoutingStore;
import io.channelshift.temporal.TemporalNames;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The starter's side of channel migrations: start one (one per scope), read it, pass engineers'
 * requests on. Reads and requests wait on the migration's worker at most {@link #ANSWER_TIMEOUT},
 * in a bulkhead per migration (see {@link BoundedWaits}): with its worker or its store down, an
 * engineer gets a 503 instead of a request that hangs.
 */
@Service
public class MigrationGateway {

  /** The request header that says who asks; recorded in the migration's timeline. */
  public static final String USER_HEADER = Requester.USER_HEADER;

  /**
   * How long a read or an engineer's request waits for the migration's answer. A request that moves
   * the weight is answered once the routing write is in force, an activity with its own retries: a
   * healthy store takes well under a second, so 30 s means the worker or the store is down, and the
   * engineer is told so.
   */
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

  /**
   * How many callers of one migration may wait at once (engineers and ops watching it); past it, a
   * 503 at once.
   */
  static final int WAITING_PER_MIGRATION = 16;

  private final WorkflowClient client;
  private final MigrationStore migrations;
  private final RoutingStore routing;
  private final ObjectMapper json;
  private final BoundedWaits waits;

  @Autowired
  MigrationGateway(
      WorkflowClient client, MigrationStore migrations, RoutingStore routing, ObjectMapper json) {
    this(
        client,
        migrations,
        routing,
        json,
        new BoundedWaits("Migration", WAITING_PER_MIGRATION, ANSWER_TIMEOUT));
  }

  MigrationGateway(
      WorkflowClient client,
      MigrationStore migrations,
      RoutingStore routing,
      ObjectMapper json,
      BoundedWaits waits) {
    this.client = client;
    this.migrations = migrations;
    this.routing = routing;
    this.json = json;
    this.waits = waits;
  }

  /**
   * What a start answered: the migration's status, and whether this request started it (or found it
   * started).
   */
  public record Started(MigrationStatus status, boolean created) {}

  /**
   * Starts the migration of a checked plan. The scope's traffic must be on the plan's old channel
   * alone, and no other migration may run on the scope. The same plan under the same id again (a
   * retry after a lost answer, whatever the migration did since: its first step moved the traffic,
   * so the checks for a new start would no longer hold) answers that migration; another plan under
   * a used id is refused with what differs.
   */
  public Started start(MigrationPlan plan, String by) {
    Optional<MigrationStore.StoredMigration> known = migrations.find(plan.migrationId());
    if (known.isPresent()) {
      return existing(known.get(), plan);
    }
    Optional<MigrationStore.StoredMigration> running = migrations.running(plan.scope());
    if (running.isPresent() && !running.get().migrationId().equals(plan.migrationId())) {
      throw scopeBusy(plan.scope());
    }
    RoutingTable inForce = routing.inForce(plan.scope()).orElse(null);
    if (inForce == null || inForce.weightOf(plan.fromChannel()) != RoutingTable.FULL) {
      throw new ApiProblem(
          HttpStatus.CONFLICT,
          "Scope not on the old channel",
          "scope "
              + plan.scope()
              + " is routed by "
              + (inForce == null
                  ? "no table"
                  : "v" + inForce.version() + " " + inForce.weightsBps())
              + ", not 100% "
              + plan.fromChannel()
              + "; a migration starts from a single channel");
    }
    Registration registration =
        migrations.register(
            plan.migrationId(),
            plan.scope(),
            plan.fromChannel(),
            plan.toChannel(),
            write(plan),
            by);
    switch (registration) {
      case SCOPE_TAKEN -> throw scopeBusy(plan.scope());
      case ID_TAKEN, SAME_MIGRATION -> { // a start of the same id raced this one and won
        return existing(
            migrations.find(plan.migrationId()).orElseThrow(() -> scopeBusy(plan.scope())), plan);
      }
      case REGISTERED -> {}
    }
    try {
      WorkflowClient.start(stub(plan)::run, new MigrationInput(plan, by, null));
    } catch (RuntimeException e) {
      migrations.withdraw(plan.migrationId()); // nothing started: the scope is free again
      throw e;
    }
    return new Started(firstStatus(plan.migrationId()), true);
  }

  /**
   * The migration already under this id: answered when the plan is the same, refused (409) with
   * what differs.
   */
  private Started existing(MigrationStore.StoredMigration stored, MigrationPlan plan) {
    List<String> differences = differences(stored, plan);
    if (!differences.isEmpty()) {
      throw new ApiProblem(
          HttpStatus.CONFLICT,
          "Migration id used",
          "migration id "
              + plan.migrationId()
              + " already names a migration "
              + (stored.endedAt() == null
                  ? "that is running"
                  : "that ended (" + stored.outcome() + ")")
              + " with another plan ("
              + String.join(", ", differences)
              + " differ); the same plan again answers it, another plan needs a new id");
    }
    return new Started(firstStatus(plan.migrationId()), false);
  }

  /**
   * The plan fields in which the stored plan and this one differ (after defaults, as both were
   * checked).
   */
  private List<String> differences(MigrationStore.StoredMigration stored, MigrationPlan plan) {
    try {
      return PlanDifferences.between(json.readValue(stored.planJson(), MigrationPlan.class), plan);
    } catch (JsonProcessingException e) {
      return List.of("the stored plan (unreadable)");
    }
  }

  /**
   * The status once the workflow has run its first task (a query before that finds no state yet).
   */
  private MigrationStatus firstStatus(String migrationId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Optional<MigrationStatus> status = status(migrationId);
    while (status.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      status = status(migrationId);
    }
    return status.orElseThrow(
        () ->
            new ApiProblem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Migration not ready",
                "migration "
                    + migrationId
                    + " was started but has not run yet (is a worker running?)"));
  }

  private ApiProblem scopeBusy(String scope) {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "Scope busy",
        "migration "
            + migrations.running(scope).map(MigrationStore.StoredMigration::migrationId).orElse("?")
            + " is running on scope "
            + scope
            + "; one migration per scope at a time");
  }

  /**
   * The migration's status, empty when there is none; a 503 when it does not answer within the
   * timeout.
   */
  public Optional<MigrationStatus> status(String migrationId) {
    return waits.call(
        migrationId,
        () -> query(migrationId),
        "migration "
            + migrationId
            + " did not answer within "
            + waits.timeout().toSeconds()
            + " s (is a worker running?); ask again");
  }

  private Optional<MigrationStatus> query(String migrationId) {
    try {
      return Optional.ofNullable(
          client
              .newWorkflowStub(
                  MigrationWorkflow.class, TemporalNames.migrationWorkflowId(migrationId))
              .status());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Passes an engineer's request on; a request the migration refuses comes back as 409 with its
   * reason. Past the timeout, a 503: the request may still be carried out (Temporal holds it for
   * the worker), so the engineer reads the status, whose timeline shows it if it was, before asking
   * again.
   */
  public MigrationStatus act(String migrationId, EngineerAction action) {
    return waits.call(
        migrationId,
        () -> update(migrationId, action),
        "migration "
            + migrationId
            + " did not answer within "
            + waits.timeout().toSeconds()
            + " s (is a worker running, is the store up?); the "
            + action.action()
            + " may still be carried out: read the status, whose timeline shows it, before asking again");
  }

  private MigrationStatus update(String migrationId, EngineerAction action) {
    try {
      return client
          .newWorkflowStub(MigrationWorkflow.class, TemporalNames.migrationWorkflowId(migrationId))
          .request(action);
    } catch (WorkflowNotFoundException e) {
      // Temporal takes no updates once a workflow has closed: an ended migration refuses like a
      // running one would.
      MigrationStatus ended =
          query(migrationId)
              .orElseThrow(
                  () ->
                      new ApiProblem(
                          HttpStatus.NOT_FOUND,
                          "Migration not found",
                          "no migration " + migrationId));
      throw new ApiProblem(
          HttpStatus.CONFLICT, "Request refused", "the migration has ended: " + ended.phase());
    } catch (WorkflowUpdateException e) {
      String reason =
          e.getCause() instanceof ApplicationFailure f ? f.getOriginalMessage() : e.getMessage();
      throw new ApiProblem(HttpStatus.CONFLICT, "Request refused", reason);
    }
  }

  @PreDestroy
  void stop() {
    waits.close();
  }

  private MigrationWorkflow stub(MigrationPlan plan) {
    return client.newWorkflowStub(
        MigrationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(TemporalNames.migrationWorkflowId(plan.migrationId()))
            .setTaskQueue(TemporalNames.MIGRATIONS_TASK_QUEUE)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(MIGRATION_PHASE, MigrationPhase.RAMPING.name())
                    .set(TRAFFIC_WEIGHT, 0L)
                    .set(FROM_CHANNEL, plan.fromChannel())
                    .set(TO_CHANNEL, plan.toChannel())
                    .build())
            .setStaticSummary(
                "Migration **"
                    + plan.migrationId()
                    + "**: "
                    + plan.fromChannel()
                    + " → "
                    + plan.toChannel()
                    + " on scope **"
                    + plan.scope()
                    + "**, "
                    + plan.steps().size()
                    + " steps")
            .build());
  }

  private String write(MigrationPlan plan) {
    try {
      return json.writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The recorded migrations, newest first, for the list endpoint. */
  public List<Map<String, Object>> recent() {
    return migrations.recent(50).stream()
        .map(
            m ->
                Map.<String, Object>of(
                    "migrationId",
                    m.migrationId(),
                    "scope",
                    m.scope(),
                    "fromChannel",
                    m.fromChannel(),
                    "toChannel",
                    m.toChannel(),
                    "startedBy",
                    m.startedBy(),
                    "startedAt",
                    m.startedAt(),
                    "running",
                    m.endedAt() == null,
                    "outcome",
                    String.valueOf(m.outcome())))
        .toList();
  }
}
