package io.channelshift.worker.metrics;

import io.channelshift.health.ChannelHealthStatus;
import io.channelshift.migration.MigrationStatus;
import java.util.Optional;

/** What the collector asks Temporal; each call answers within a short deadline or throws. */
public interface TemporalReads {

  /** Whether the frontend answers a cheap call (GetSystemInfo). */
  boolean reachable();

  /** The migration's status query; empty when it has no workflow. */
  Optional<MigrationStatus> migration(String migrationId) throws Exception;

  /** The scope health workflow's status query; empty when the scope has none. */
  Optional<ChannelHealthStatus> scopeHealth(String scope) throws Exception;
}
