package io.channelshift.migration;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Moves a scope's traffic from one channel to another step by step, with health gates and automatic
 * rollback. Workflow ID {@code migration-{migrationId}}. Every engineer request exists twice: as a
 * signal (for {@code temporal workflow signal}; a refused one is recorded in the timeline) and as
 * an update whose validator refuses at once with the reason (for the REST API and the CLI).
 */
@WorkflowInterface
public interface MigrationWorkflow {

  @WorkflowMethod
  MigrationStatus run(MigrationInput input);

  @QueryMethod(
      name = "status",
      description = "Phase, step, weight, the last verdict of every gate, the timeline")
  MigrationStatus status();

  @SignalMethod(
      name = "pause",
      description = "Hold the ramp where it is; gates keep being evaluated")
  void pause(EngineerRequest request);

  @SignalMethod(name = "resume", description = "Go on after a pause")
  void resume(EngineerRequest request);

  @SignalMethod(name = "promote", description = "Go to the next step now")
  void promote(EngineerRequest request);

  @SignalMethod(name = "promoteFull", description = "Go to 100% on the new channel now")
  void promoteFull(EngineerRequest request);

  @SignalMethod(
      name = "rollback",
      description = "Route everything back to the old channel now (reason required)")
  void rollback(EngineerRequest request);

  @SignalMethod(name = "approve", description = "Approve the step that waits for a human")
  void approve(EngineerRequest request);

  @UpdateMethod(
      name = "request",
      description = "An engineer request, refused at once with the reason if invalid")
  MigrationStatus request(EngineerAction action);

  @UpdateValidatorMethod(updateName = "request")
  void validateRequest(EngineerAction action);
}
