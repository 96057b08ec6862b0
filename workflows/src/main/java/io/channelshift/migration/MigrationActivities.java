package io.channelshift.migration;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What the migration workflow asks of the outside world. Each method is safe to repeat. */
@ActivityInterface
public interface MigrationActivities {

  /**
   * Writes a new version of the scope's routing table: the new channel at the weight, the old one
   * the rest.
   */
  @ActivityMethod
  long applyWeight(WeightChange change);

  /** Measures both channels over a window for every gate. */
  @ActivityMethod
  GateMeasurement measure(MeasureRequest request);

  /** Sends a signed notification webhook about the migration (event id dedupes repeats). */
  @ActivityMethod
  void announce(MigrationEvent event);

  /** Records the migration's end, which frees its scope for the next migration. */
  @ActivityMethod
  void finish(MigrationEvent event);
}
