package io.channelshift.store;

import io.channelshift.routing.RoutingTable;

/**
 * What became of an engineer's request to replace a scope's backup channels ({@link
 * RoutingStore#replaceBackups}): decided under the lock that orders every table write, so the
 * answer holds for the table written (or not written) with it.
 */
public sealed interface BackupsChange {

  /** A new version of the scope's table: the same weights and ramping channel, these backups. */
  record Written(RoutingTable table) implements BackupsChange {}

  /** The table in force already names exactly these backups, in this order: nothing written. */
  record Unchanged(RoutingTable table) implements BackupsChange {}

  /** The scope has no table of its own (its payments follow {@code all}): nothing written. */
  record NoTable(String scope) implements BackupsChange {}

  /** A migration runs on the scope and owns its table until it ends: nothing written. */
  record MigrationRunning(String migrationId) implements BackupsChange {}
}
