package io.channelshift.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The migrations started, and the rule that a scope has at most one running migration (a partial
 * unique index: two engineers starting migrations on the same scope at the same moment cannot both
 * succeed).
 */
public class MigrationStore {

  /** One migration as recorded: its plan as JSON, and its end once it ended. */
  public record StoredMigration(
      String migrationId,
      String scope,
      String fromChannel,
      String toChannel,
      String planJson,
      String startedBy,
      String startedAt,
      String endedAt,
      String outcome) {}

  /** What became of an attempt to register a migration. */
  public enum Registration {
    REGISTERED,
    SAME_MIGRATION,
    SCOPE_TAKEN,
    ID_TAKEN,
    /** The scope is failed over by its health workflow: fail back first. */
    SCOPE_FAILED_OVER
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public MigrationStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /**
   * Registers a migration as running on its scope, unless the scope has one already (or the id is
   * used) or is failed over. Under the lock every routing-table write takes ({@link RoutingStore}):
   * a change to the scope's table that checked for a running migration ({@link
   * RoutingStore#replaceBackups}, {@link ScopeFailoverStore#reroute}) either committed before this
   * registration, or sees it.
   */
  public Registration register(
      String migrationId, String scope, String from, String to, String planJson, String startedBy) {
    try {
      return tx.execute(
          status -> {
            RoutingStore.lockTablesForWrite(jdbc);
            if (ScopeFailoverStore.failedOver(jdbc, scope).isPresent()) {
              return Registration.SCOPE_FAILED_OVER;
            }
            return registerLocked(migrationId, scope, from, to, planJson, startedBy);
          });
    } catch (DuplicateKeyException e) {
      // the unique index still holds the rule should the lock ever not be taken
      return find(migrationId).isPresent() ? Registration.ID_TAKEN : Registration.SCOPE_TAKEN;
    }
  }

  private Registration registerLocked(
      String migrationId, String scope, String from, String to, String planJson, String startedBy) {
    Optional<StoredMigration> existing = find(migrationId);
    if (existing.isPresent()) {
      return existing.get().endedAt() == null && existing.get().scope().equals(scope)
          ? Registration.SAME_MIGRATION
          : Registration.ID_TAKEN;
    }
    if (runningId(jdbc, scope).isPresent()) {
      return Registration.SCOPE_TAKEN;
    }
    // started_at is clock_timestamp(), taken under the lock: after every table written before this
    // registration, as a table's created_at is (now() would be the transaction's start, before the
    // lock was ours)
    jdbc.update(
        """
        insert into migrations
          (migration_id, scope, from_channel, to_channel, plan, started_by, started_at)
        values (?, ?, ?, ?, cast(? as jsonb), ?, clock_timestamp())
        """,
        migrationId,
        scope,
        from,
        to,
        planJson,
        startedBy);
    return Registration.REGISTERED;
  }

  /** Withdraws a registration whose workflow never started (the start failed). */
  public void withdraw(String migrationId) {
    jdbc.update("delete from migrations where migration_id = ? and ended_at is null", migrationId);
  }

  /** Records the end; the scope is free from then on. A repeat keeps the first end. */
  public void finish(String migrationId, String outcome) {
    jdbc.update(
        "update migrations set ended_at = now(), outcome = ? where migration_id = ? and ended_at is null",
        outcome,
        migrationId);
  }

  /** The failover in force on a scope, which keeps migrations off it until it fails back. */
  public Optional<ScopeFailoverStore.ScopeFailover> failedOver(String scope) {
    return ScopeFailoverStore.failedOver(jdbc, scope);
  }

  /** The id of the migration running on a scope, read in the caller's transaction. */
  static Optional<String> runningId(JdbcTemplate jdbc, String scope) {
    return jdbc
        .queryForList(
            "select migration_id from migrations where scope = ? and ended_at is null",
            String.class,
            scope)
        .stream()
        .findFirst();
  }

  public Optional<StoredMigration> running(String scope) {
    return jdbc.query(SELECT + " where scope = ? and ended_at is null", this::row, scope).stream()
        .findFirst();
  }

  public Optional<StoredMigration> find(String migrationId) {
    return jdbc.query(SELECT + " where migration_id = ?", this::row, migrationId).stream()
        .findFirst();
  }

  public List<StoredMigration> recent(int limit) {
    return jdbc.query(SELECT + " order by started_at desc limit ?", this::row, limit);
  }

  private static final String SELECT =
      """
      select migration_id, scope, from_channel, to_channel, plan::text, started_by, started_at::text, ended_at::text,
             outcome from migrations""";

  private StoredMigration row(ResultSet rs, int n) throws SQLException {
    return new StoredMigration(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9));
  }
}
