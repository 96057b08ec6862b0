package io.channelshift.migration;

/** Which engineer requests a migration accepts in which state, and why it refuses the others. */
final class Requests {

  private Requests() {}

  /** The reason the request is refused now, or null when it is accepted. */
  static String refusal(EngineerAction a, MigrationState s, MigrationPlan plan) {
    MigrationPhase phase = s.phase();
    if (a == null || a.action() == null) {
      return "no action given";
    }
    if (phase.ended()) {
      return "the migration has ended: " + phase;
    }
    return switch (a.action()) {
      case PAUSE -> phase == MigrationPhase.PAUSED ? "already paused" : null;
      case RESUME -> phase == MigrationPhase.PAUSED ? null : "not paused (phase " + phase + ")";
      case PROMOTE, PROMOTE_FULL -> {
        if (phase == MigrationPhase.PAUSED) {
          yield "paused: resume first";
        }
        if (s.baking()) {
          yield "already at 100% and baking; nothing to promote to";
        }
        if (a.action() == EngineerAction.Action.PROMOTE_FULL && s.step() == plan.lastStep()) {
          yield "already at the last step (" + plan.steps().get(plan.lastStep()).weightBps() + " bps)";
        }
        yield null;
      }
      case ROLLBACK -> a.reason() == null || a.reason().isBlank() ? "a rollback needs a reason" : null;
      case APPROVE -> phase == MigrationPhase.WAITING_APPROVAL ? null
          : "nothing waits for approval (phase " + phase + ")";
    };
  }
}
