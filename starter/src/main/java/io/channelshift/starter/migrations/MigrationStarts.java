package io.channelshift.starter.migrations;

import static io.channelshift.temporal.TemporalNames.FROM_CHANNEL;
import static io.channelshift.temporal.TemporalNames.MIGRATION_PHASE;
import static io.channelshift.temporal.TemporalNames.TO_CHANNEL;
import static io.channelshift.temporal.TemporalNames.TRAFFIC_WEIGHT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.migration.MigrationInput;
import io.channelshift.migration.MigrationPhase;
import io.channelshift.migration.MigrationPlan;
import io.channelshift.migration.MigrationStatus;
import io.channelshift.migration.MigrationWorkflow;
import io.channelshift.routing.RoutingTable;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.store.MigrationStore;
import io.channelshift.store.MigrationStore.Registration;
import io.channelshift.store.RoutingStore;
import io.channelshift.temporal.TemporalNames;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Starts channel migrations: one per scope, from a scope on a single channel, each id for one plan.
 * A start registers the migration in the store first, so two starts on one scope cannot both win,
 * then starts its workflow and answers with its first status.
 */
@Service
public class MigrationStarts {

  private final WorkflowClient client;
  private final MigrationStore migrations;
  private final RoutingStore routing;
  private final ObjectMapper json;
  private final MigrationGateway gateway;

  MigrationStarts(
      WorkflowClient client,
      MigrationStore migrations,
      RoutingStore routing,
      ObjectMapper json,
      MigrationGateway gateway) {
    this.client = client;
    this.migrations = migrations;
    this.routing = routing;
    this.json = json;
    this.gateway = gateway;
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
    migrations
        .failedOver(plan.scope())
        .ifPresent(
            f -> {
              throw scopeFailedOver(plan.scope());
            });
    if (routing.notActiveChannels().contains(plan.toChannel())) {
      // A DRAINING or RETIRED channel takes no new payments: ramping onto it would measure nothing.
      throw new ApiProblem(
          HttpStatus.CONFLICT,
          "Channel takes no new payments",
          plan.toChannel()
              + " is not ACTIVE (see GET /api/channels); activate it before migrating to it");
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
      case SCOPE_FAILED_OVER -> throw scopeFailedOver(plan.scope());
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
    Optional<MigrationStatus> status = gateway.status(migrationId);
    while (status.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      status = gateway.status(migrationId);
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

  /** A failed-over scope is its health workflow's until it fails back (docs/architecture.md). */
  private ApiProblem scopeFailedOver(String scope) {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "Scope failed over",
        migrations
            .failedOver(scope)
            .map(
                f ->
                    "scope "
                        + scope
                        + " is failed over from "
                        + f.fromChannel()
                        + " to "
                        + f.toChannel()
                        + " ("
                        + f.reason()
                        + "); fail back first (channelshift scope failback "
                        + scope
                        + " --reason ...)")
            .orElse("scope " + scope + " is failed over; fail back first"));
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
}
