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
 * Versioned routing tables per scope. The newest version of a scope is the one in force; a product type's own
 * scope, when it has one, takes precedence over {@code all}. Versions are global (one sequence), and every new
 * table is announced on the PostgreSQL channel {@value #CHANNEL}.
 */
public class RoutingStore {

  public static final String CHANNEL = "routing_changed";
  private static final TypeReference<Map<String, Integer>> WEIGHTS = new TypeReference<>() {};
  private static final String COLUMNS = "scope, version, weights_bps::text, ramping_channel";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final ObjectMapper json = new ObjectMapper();

  public RoutingStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  public Optional<RoutingTable> current(String scope) {
    return jdbc.query("select " + COLUMNS + " from routing_tables where scope = ? order by version desc limit 1",
        this::table, scope).stream().findFirst();
  }

  /** The table in force for a product type: its own scope's newest, or else the newest of {@code all}. */
  public Optional<RoutingTable> inForce(String productType) {
    return jdbc.query("select " + COLUMNS + " from routing_tables where scope in (?, ?) "
        + "order by (scope = ?), version desc limit 1", this::table, productType, RoutingTable.ALL, RoutingTable.ALL)
        .stream().findFirst();
  }

  /** The table in force of every scope. */
  public List<RoutingTable> allCurrent() {
    return jdbc.query("select distinct on (scope) " + COLUMNS + " from routing_tables order by scope, version desc",
        this::table);
  }

  /** The newest version over all scopes: changes with every new table. */
  public long latestVersion() {
    Long v = jdbc.queryForObject("select coalesce(max(version), 0) from routing_tables", Long.class);
    return v == null ? 0 : v;
  }

  /**
   * Writes a new version of a scope's table and returns it. Validated first by {@link RoutingTable}; the
   * insert announces itself to every cache in the same transaction.
   */
  public RoutingTable write(String scope, Map<String, Integer> weightsBps, String ramping, String createdBy,
      String reason) {
    new RoutingTable(scope, 1, weightsBps, ramping); // validate before anything is written
    Long version = tx.execute(status -> {
      lockScope(scope);
      return jdbc.queryForObject("""
          insert into routing_tables (scope, weights_bps, ramping_channel, created_by, reason)
          values (?, cast(? as jsonb), ?, ?, ?) returning version
          """, Long.class, scope, write(weightsBps), ramping, createdBy, reason);
    });
    return new RoutingTable(scope, version, weightsBps, ramping);
  }

  /** Writes the first table of a scope (one channel at 100%) unless the scope has one already. */
  public void ensureInitial(String scope, String channel, String createdBy) {
    tx.executeWithoutResult(status -> {
      lockScope(scope); // two starters on a fresh database would otherwise both write a first table
      jdbc.update("""
          insert into routing_tables (scope, weights_bps, created_by, reason)
          select ?, cast(? as jsonb), ?, 'initial table' where not exists (select 1 from routing_tables where scope = ?)
          """, scope, write(Map.of(channel, RoutingTable.FULL)), createdBy, scope);
    });
  }

  /** Serialises writers of one scope until the end of the transaction. */
  private void lockScope(String scope) {
    jdbc.query("select pg_advisory_xact_lock(hashtext(?))", rs -> null, "routing_tables:" + scope);
  }

  private RoutingTable table(ResultSet rs, int row) throws SQLException {
    return new RoutingTable(rs.getString(1), rs.getLong(2), weights(rs.getString(3)), rs.getString(4));
  }

  private Map<String, Integer> weights(String text) {
    try {
      return json.readValue(text, WEIGHTS);
    } catch (IOException e) {
      throw new IllegalStateException("routing table weights are not JSON: " + text, e);
    }
  }

  private String write(Map<String, Integer> weights) {
    try {
      return json.writeValueAsString(weights);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
