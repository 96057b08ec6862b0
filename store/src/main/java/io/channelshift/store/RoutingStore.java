package io.channelshift.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.routing.RoutingTable;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Versioned routing tables per scope. Which one is in force for a product type is decided by {@link
 * RoutingDecisions} (its own scope's newest, else the newest of {@code all}); this store reads and
 * writes the rows. Versions are global (one sequence), and every new table is announced on the
 * PostgreSQL channel {@value #CHANNEL}.
 *
 * <p>Writing a table and recording a payment on a table ({@link PaymentStore#claimRoute}) are
 * ordered by one advisory lock: a writer holds it exclusively, a claim shares it. A claim under way
 * when a table is written is committed before the new table, and a claim that starts while it is
 * written waits and sees it; the table's {@code created_at} is taken once the writer holds the
 * lock, so every payment recorded on an older table is older than it (the drills count on this).
 */
public class RoutingStore {

  public static final String CHANNEL = "routing_changed";

  /** The advisory lock that orders table writes (exclusive) with route claims (shared). */
  private static final String IN_FORCE_LOCK = "routing_tables:in_force";

  private static final TypeReference<Map<String, Integer>> WEIGHTS = new TypeReference<>() {};
  private static final TypeReference<List<String>> CHANNELS = new TypeReference<>() {};
  private static final String COLUMNS =
      "scope, version, weights_bps::text, ramping_channel, backups::text";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final ObjectMapper json = new ObjectMapper();

  private final Set<String> disabledByConfiguration;

  public RoutingStore(DataSource dataSource) {
    this(dataSource, Set.of());
  }

  /**
   * @param disabledByConfiguration channels configured with {@code enabled=false}: they take no new
   *     payments whatever their recorded state, as if DRAINING (docs/configuration.md)
   */
  public RoutingStore(DataSource dataSource, Set<String> disabledByConfiguration) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.disabledByConfiguration = Set.copyOf(disabledByConfiguration);
  }

  /** The channels configured with {@code enabled=false}. */
  public Set<String> disabledByConfiguration() {
    return disabledByConfiguration;
  }

  public Optional<RoutingTable> current(String scope) {
    return jdbc
        .query(
            "select "
                + COLUMNS
                + " from routing_tables where scope = ? order by version desc limit 1",
            this::table,
            scope)
        .stream()
        .findFirst();
  }

  /**
   * The table in force for a product type, read from the database by the rule {@link
   * RoutingDecisions} states.
   */
  public Optional<RoutingTable> inForce(String productType) {
    return jdbc
        .query(
            "select " + COLUMNS + " from routing_tables " + RoutingDecisions.IN_FORCE_SQL,
            this::table,
            productType)
        .stream()
        .findFirst();
  }

  /** The table in force of every scope. */
  public List<RoutingTable> allCurrent() {
    return jdbc.query(
        "select distinct on (scope) "
            + COLUMNS
            + " from routing_tables order by scope, version desc",
        this::table);
  }

  /**
   * The channels that take no new payments: DRAINING or RETIRED ({@link ChannelLifecycleStore}), or
   * disabled in configuration; a channel not named is ACTIVE.
   */
  public Set<String> notActiveChannels() {
    Set<String> notActive =
        new java.util.HashSet<>(
            jdbc.queryForList(
                "select channel from channel_states where state <> 'ACTIVE'", String.class));
    notActive.addAll(disabledByConfiguration);
    return Set.copyOf(notActive);
  }

  /** The newest version over all scopes: changes with every new table. */
  public long latestVersion() {
    Long v =
        jdbc.queryForObject("select coalesce(max(version), 0) from routing_tables", Long.class);
    return v == null ? 0 : v;
  }

  /**
   * Writes a new version of a scope's table without backups; see {@link #write(String, Map, String,
   * List, String, String)}.
   */
  public RoutingTable write(
      String scope,
      Map<String, Integer> weightsBps,
      String ramping,
      String createdBy,
      String reason) {
    return write(scope, weightsBps, ramping, List.of(), createdBy, reason);
  }

  /**
   * Writes a new version of a scope's table and returns it. Validated first by {@link
   * RoutingTable}; the insert announces itself to every cache in the same transaction.
   */
  public RoutingTable write(
      String scope,
      Map<String, Integer> weightsBps,
      String ramping,
      List<String> backups,
      String createdBy,
      String reason) {
    RoutingTable valid =
        new RoutingTable(scope, 1, weightsBps, ramping, backups); // validated before any write
    Long version =
        tx.execute(
            status -> {
              lockTablesForWrite(jdbc);
              return insert(valid, createdBy, reason);
            });
    return new RoutingTable(scope, version, weightsBps, ramping, valid.backups());
  }

  /**
   * Replaces a scope's backup channels, keeping its weights and ramping channel, unless the scope
   * has no table, a migration runs on it (the migration owns the table until it ends), or its table
   * names these backups already. All of it is decided and written in one transaction under the lock
   * every table write takes, which a migration's registration takes too ({@link
   * MigrationStore#register}): a migration registered at the same moment is seen here, or sees this
   * table before it writes its first.
   */
  public BackupsChange replaceBackups(
      String scope, List<String> backups, String createdBy, String reason) {
    return tx.execute(
        status -> {
          lockTablesForWrite(jdbc);
          Optional<String> migration =
              jdbc
                  .queryForList(
                      "select migration_id from migrations where scope = ? and ended_at is null",
                      String.class,
                      scope)
                  .stream()
                  .findFirst();
          if (migration.isPresent()) {
            return new BackupsChange.MigrationRunning(migration.get());
          }
          Optional<RoutingTable> current = current(scope);
          if (current.isEmpty()) {
            return new BackupsChange.NoTable(scope);
          }
          if (current.get().backups().equals(backups)) {
            return new BackupsChange.Unchanged(current.get());
          }
          RoutingTable next = current.get().withBackups(backups); // validated before the insert
          long version = insert(next, createdBy, reason);
          return new BackupsChange.Written(
              new RoutingTable(scope, version, next.weightsBps(), next.ramping(), next.backups()));
        });
  }

  /** Inserts a table; the caller holds the write lock. Returns its version. */
  private long insert(RoutingTable table, String createdBy, String reason) {
    // clock_timestamp(), not now(): now() is when the transaction began, before the lock was ours,
    // and a payment recorded on the previous table in between would look younger than the table
    // that replaced it
    Long version =
        jdbc.queryForObject(
            """
        insert into routing_tables
          (scope, weights_bps, ramping_channel, backups, created_by, reason, created_at)
        values (?, cast(? as jsonb), ?, cast(? as jsonb), ?, ?, clock_timestamp())
        returning version
        """,
            Long.class,
            table.scope(),
            write(table.weightsBps()),
            table.ramping(),
            write(table.backups()),
            createdBy,
            reason);
    return version;
  }

  /** Writes the first table of a scope (one channel at 100%) unless the scope has one already. */
  public void ensureInitial(String scope, String channel, String createdBy) {
    ensureInitial(scope, channel, List.of(), createdBy);
  }

  /**
   * Writes the first table of a scope (one channel at 100%, these backups) unless the scope has one
   * already; a scope that has one keeps it as it is.
   */
  public void ensureInitial(String scope, String channel, List<String> backups, String createdBy) {
    RoutingTable first =
        new RoutingTable(scope, 1, Map.of(channel, RoutingTable.FULL), null, backups); // validated
    tx.executeWithoutResult(
        status -> {
          // two starters on a fresh database would otherwise both write a first table
          lockTablesForWrite(jdbc);
          if (current(scope).isEmpty()) {
            insert(first, createdBy, "initial table");
          }
        });
  }

  /**
   * Until the end of the transaction: no other writer (of any scope; writes are rare) and no route
   * claim. Claims that started before wait for nothing more than their own insert; the lock is
   * granted when they committed. Also taken by the other writers of what routing depends on (a
   * migration's registration, a channel's lifecycle state), in their transactions.
   */
  static void lockTablesForWrite(JdbcTemplate jdbc) {
    jdbc.query("select pg_advisory_xact_lock(hashtext(?))", rs -> null, IN_FORCE_LOCK);
  }

  /**
   * For a route claim, in its transaction before it reads the table in force: waits while a table
   * is being written, and holds off the next write until the claim has committed. Shared: claims do
   * not wait for each other.
   */
  static void shareTablesInForce(JdbcTemplate jdbc) {
    jdbc.query("select pg_advisory_xact_lock_shared(hashtext(?))", rs -> null, IN_FORCE_LOCK);
  }

  private RoutingTable table(ResultSet rs, int row) throws SQLException {
    return new RoutingTable(
        rs.getString(1),
        rs.getLong(2),
        read(rs.getString(3), WEIGHTS),
        rs.getString(4),
        read(rs.getString(5), CHANNELS));
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (IOException e) {
      throw new IllegalStateException("a routing table column is not JSON: " + text, e);
    }
  }

  private String write(Object weights) {
    try {
      return json.writeValueAsString(weights);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
