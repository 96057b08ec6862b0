package io.channelshift.migration;

import io.channelshift.migration.RequestDecision.Refused;

/** Which engineer requests a migration accepts in which state, and why it refuses the others. */
final class Requests {

  private Requests() {}

  /** Whether the request is accepted now, or refused and why. */
  static RequestDecision decide(EngineerAction a, MigrationState s, MigrationPlan plan) {
    MigrationPhase phase = s.phase();
    if (a == null || a.action() == null) {
      return new Refused("no action given");
    }
    if (phase.ended()) {
      return new Refused("the migration has ended: " + phase);
    }
    return switch (a.action()) {
      case PAUSE ->
          phase == MigrationPhase.PAUSED ? new Refused("already paused") : RequestDecision.ACCEPTED;
      case RESUME ->
          phase == MigrationPhase.PAUSED
              ? RequestDecision.ACCEPTED
              : new Refused("not paused (phase " + phase + ")");
      case PROMOTE, PROMOTE_FULL -> {
        if (phase == MigrationPhase.PAUSED) {
          yield new Refused("paused: resume first");
        }
        if (s.baking()) {
          yield new Refused("already at 100% and baking; nothing to promote to");
        }
        if (a.action() == EngineerAction.Action.PROMOTE_FULL && s.step() == plan.lastStep()) {
          yield new Refused(
              "already at the last step ("
                  + plan.steps().get(plan.lastStep()).weightBps()
                  + " bps)");
        }
        yield RequestDecision.ACCEPTED;
      }
      case ROLLBACK ->
          a.reason() == null || a.reason().isBlank()
              ? new Refused("a rollback needs a reason")
              : RequestDecision.ACCEPTED;
      case APPROVE ->
          phase == MigrationPhase.WAITING_APPROVAL
              ? RequestDecision.ACCEPTED
              : new Refused("nothing waits for approval (phase " + phase + ")");
    };
  }
}
