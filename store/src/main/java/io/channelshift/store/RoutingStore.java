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

  public RoutingStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
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
              lockForWrite();
              // clock_timestamp(), not now(): now() is when the transaction began, before the lock
              // was ours, and a payment recorded on the previous table in between would look
              // younger than the table that replaced it
              return jdbc.queryForObject(
                  """
          insert into routing_tables
            (scope, weights_bps, ramping_channel, backups, created_by, reason, created_at)
          values (?, cast(? as jsonb), ?, cast(? as jsonb), ?, ?, clock_timestamp())
          returning version
          """,
                  Long.class,
                  scope,
                  write(weightsBps),
                  ramping,
                  write(valid.backups()),
                  createdBy,
                  reason);
            });
    return new RoutingTable(scope, version, weightsBps, ramping, valid.backups());
  }

  /** Writes the first table of a scope (one channel at 100%) unless the scope has one already. */
  public void ensureInitial(String scope, String channel, String createdBy) {
    tx.executeWithoutResult(
        status -> {
          lockForWrite(); // two starters on a fresh database would otherwise both write a first
          // table
          jdbc.update(
              """
          insert into routing_tables (scope, weights_bps, created_by, reason, created_at)
          select ?, cast(? as jsonb), ?, 'initial table', clock_timestamp()
           where not exists (select 1 from routing_tables where scope = ?)
          """,
              scope,
              write(Map.of(channel, RoutingTable.FULL)),
              createdBy,
              scope);
        });
  }

  /**
   * Until the end of the transaction: no other writer (of any scope; writes are rare) and no route
   * claim. Claims that started before wait for nothing more than their own insert; the lock is
   * granted when they committed.
   */
  private void lockForWrite() {
    lockTablesForWrite(jdbc);
  }

  /**
   * The writers' lock, for another store's transaction that must not interleave with a table write
   * (a failover's check and write, a migration's registration).
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
