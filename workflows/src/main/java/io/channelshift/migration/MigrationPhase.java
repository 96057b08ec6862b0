package io.channelshift.migration;

/** Where a migration stands. The last three are final. */
public enum MigrationPhase {
  RAMPING,
  PAUSED,
  WAITING_APPROVAL,
  BAKING,
  ROLLED_BACK,
  COMPLETED,
  ABORTED;

  public boolean ended() {
    return this == ROLLED_BACK || this == COMPLETED || this == ABORTED;
  }
}
