package io.channelshift.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.routing.RoutingTable;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Versioned routing tables per scope. The newest version of a scope is the one in force. */
public class RoutingStore {

  private static final TypeReference<Map<String, Integer>> WEIGHTS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final ObjectMapper json = new ObjectMapper();

  public RoutingStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  public Optional<RoutingTable> current(String scope) {
    return jdbc.query("""
        select scope, version, weights_bps::text from routing_tables where scope = ?
        order by version desc limit 1
        """, rs -> rs.next() ? Optional.of(new RoutingTable(rs.getString(1), rs.getLong(2), weights(rs.getString(3))))
        : Optional.<RoutingTable>empty(), scope);
  }

  /**
   * How many table versions exist, over all scopes: tables are only ever added, so this changes with every new
   * version of any scope, which makes it a cheap check whether a cached table may be stale.
   */
  public long versionCount() {
    Long n = jdbc.queryForObject("select count(*) from routing_tables", Long.class);
    return n == null ? 0 : n;
  }

  /** Writes the first table of a scope (one channel at 100%) unless the scope has one already. */
  public void ensureInitial(String scope, String channel, String createdBy) {
    jdbc.update("""
        insert into routing_tables (scope, version, weights_bps, created_by)
        select ?, 1, cast(? as jsonb), ? where not exists (select 1 from routing_tables where scope = ?)
        on conflict do nothing
        """, scope, write(Map.of(channel, RoutingTable.FULL)), createdBy, scope);
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
