package io.channelshift.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.health.Reroute;
import io.channelshift.health.RerouteResult;
import io.channelshift.health.RerouteResult.Outcome;
import io.channelshift.routing.RoutingTable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A scope's failover and failback tables, written by its health workflow. Who owns a routing table
 * is decided here, where the write happens: in one transaction under the routing writers' lock, the
 * table is written only if no migration runs on the scope (the migration owns its table) and the
 * table in force is still the one the workflow decided on; the scope's failover row is written or
 * deleted in the same transaction. {@link MigrationStore#register} reads that row under the same
 * lock, so a migration starting at the same moment either sees the failover and is refused, or
 * registers first and the failover is refused.
 */
public class ScopeFailoverStore {

  /** A scope failed over, as recorded. */
  public record ScopeFailover(
      String scope,
      String fromChannel,
      String toChannel,
      long routingVersion,
      String by,
      String reason,
      String at) {}

  private static final TypeReference<Map<String, Integer>> WEIGHTS = new TypeReference<>() {};
  private static final TypeReference<List<String>> CHANNELS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final ObjectMapper json = new ObjectMapper();

  public ScopeFailoverStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /**
   * Writes the failover's or failback's table, or says why not. A repeat of a write already done
   * (the activity retried after its commit) finds its own table in force and answers its version.
   */
  public RerouteResult reroute(Reroute r) {
    new RoutingTable(r.scope(), 1, r.weightsBps(), null, r.backups()); // validated before any write
    return tx.execute(
        status -> {
          RoutingStore.lockTablesForWrite(jdbc);
          Optional<String> migration = MigrationStore.runningId(jdbc, r.scope());
          if (migration.isPresent()) {
            return new RerouteResult(
                Outcome.MIGRATION_RUNNING,
                0,
                "migration "
                    + migration.get()
                    + " runs on scope "
                    + r.scope()
                    + " and owns its routing table (roll it back or wait for its end)");
          }
          Current current = current(r.scope());
          if (current.version() != r.expectedVersion()) {
            if (current.weights().equals(r.weightsBps()) && current.backups().equals(r.backups())) {
              return new RerouteResult(Outcome.WRITTEN, current.version(), null);
            }
            return new RerouteResult(
                Outcome.TABLE_CHANGED,
                current.version(),
                "the table of scope "
                    + r.scope()
                    + " changed (v"
                    + r.expectedVersion()
                    + " → v"
                    + current.version()
                    + ") since it was read; it is read again");
          }
          Long version =
              jdbc.queryForObject(
                  """
                  insert into routing_tables
                    (scope, weights_bps, ramping_channel, backups, created_by, reason, created_at)
                  values (?, cast(? as jsonb), null, cast(? as jsonb), ?, ?, clock_timestamp())
                  returning version
                  """,
                  Long.class,
                  r.scope(),
                  write(r.weightsBps()),
                  write(r.backups()),
                  "channels-" + r.scope() + " (" + r.by() + ")",
                  r.kind().name().toLowerCase(java.util.Locale.ROOT)
                      + " "
                      + r.from()
                      + " → "
                      + r.to()
                      + ": "
                      + r.reason());
          if (r.kind() == Reroute.Kind.FAILOVER) {
            jdbc.update(
                """
                insert into scope_failovers
                  (scope, from_channel, to_channel, routing_version, failed_over_by, reason)
                values (?, ?, ?, ?, ?, ?)
                on conflict (scope) do update set from_channel = excluded.from_channel,
                  to_channel = excluded.to_channel, routing_version = excluded.routing_version,
                  failed_over_by = excluded.failed_over_by, reason = excluded.reason,
                  failed_over_at = now()
                """,
                r.scope(),
                r.from(),
                r.to(),
                version,
                r.by(),
                r.reason());
          } else {
            jdbc.update("delete from scope_failovers where scope = ?", r.scope());
          }
          return new RerouteResult(Outcome.WRITTEN, version, null);
        });
  }

  /** The failover in force on a scope, if any. */
  public Optional<ScopeFailover> failedOver(String scope) {
    return failedOver(jdbc, scope);
  }

  static Optional<ScopeFailover> failedOver(JdbcTemplate jdbc, String scope) {
    return jdbc
        .query(
            """
            select scope, from_channel, to_channel, routing_version, failed_over_by, reason,
                   failed_over_at::text
              from scope_failovers where scope = ?
            """,
            (rs, n) ->
                new ScopeFailover(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getLong(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7)),
            scope)
        .stream()
        .findFirst();
  }

  private record Current(long version, Map<String, Integer> weights, List<String> backups) {}

  private Current current(String scope) {
    return jdbc
        .query(
            "select version, weights_bps::text, backups::text from routing_tables where scope = ?"
                + " order by version desc limit 1",
            (rs, n) ->
                new Current(
                    rs.getLong(1), read(rs.getString(2), WEIGHTS), read(rs.getString(3), CHANNELS)),
            scope)
        .stream()
        .findFirst()
        .orElse(new Current(0, Map.of(), List.of()));
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (IOException e) {
      throw new IllegalStateException("a routing table column is not JSON: " + text, e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
