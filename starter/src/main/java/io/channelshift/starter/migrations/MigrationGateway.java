package io.channelshift.starter.migrations;

import io.channelshift.migration.EngineerAction;
import io.channelshift.migration.MigrationStatus;
import io.channelshift.migration.MigrationWorkflow;
import io.channelshift.starter.security.Requester;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.BoundedWaits;
import io.channelshift.store.MigrationStore;
import io.channelshift.temporal.TemporalNames;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
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
 * The starter's side of running channel migrations: read one, pass engineers' requests on, list
 * them ({@link MigrationStarts} starts them). Reads and requests wait on the migration's worker at
 * most {@link #ANSWER_TIMEOUT}, in a bulkhead per migration (see {@link BoundedWaits}): with its
 * worker or its store down, an engineer gets a 503 instead of a request that hangs.
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
  private final BoundedWaits waits;

  @Autowired
  MigrationGateway(WorkflowClient client, MigrationStore migrations) {
    this(client, migrations, new BoundedWaits("Migration", WAITING_PER_MIGRATION, ANSWER_TIMEOUT));
  }

  MigrationGateway(WorkflowClient client, MigrationStore migrations, BoundedWaits waits) {
    this.client = client;
    this.migrations = migrations;
    this.waits = waits;
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
