package io.channelshift.health;

/** Where a scope stands. */
public enum HealthMode {
  /** The primary channel serves; its health is watched. */
  WATCHING,
  /** Traffic is on a backup; the failed channel is probed with a small share. */
  FAILED_OVER,
  /** The failed channel has been healthy long enough; failback waits for an engineer. */
  WAITING_APPROVAL
}
