package io.channelshift.health;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What a scope's health workflow asks of the outside world. Each method is safe to repeat. Method
 * names are prefixed so that they never clash with the migration's activity types on a worker.
 */
@ActivityInterface(namePrefix = "Health")
public interface ChannelHealthActivities {

  /** The scope's table in force, the migration running on it if any, the settings in force. */
  @ActivityMethod
  ScopeView look(String scope);

  /** Every named channel measured over the window on the migration gates' queries. */
  @ActivityMethod
  ScopeMeasurement measure(HealthMeasureRequest request);

  /**
   * Writes the failover's or failback's table unless a migration owns the scope's table or the
   * table changed since the workflow looked; a repeat of a write already done answers its version.
   */
  @ActivityMethod
  RerouteResult reroute(Reroute reroute);

  /** Sends a signed webhook about the scope (its event id dedupes repeats). */
  @ActivityMethod
  void announce(HealthEvent event);
}
