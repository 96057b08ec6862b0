package io.channelshift.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.migration.Gate;
import io.channelshift.migration.GateRule;
import io.channelshift.migration.GateVerdict;
import io.channelshift.migration.Gates;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A migration over time, for the console's charts: every gate evaluation as its workflow judged it
 * (written by the worker's measure activity), and the new channel's weight from the scope's routing
 * tables within the migration's lifetime. Reads are bounded: the last {@code limit} points per gate
 * (or weight), from {@code sinceMs} on.
 */
public class MigrationSeriesStore {

  /** One evaluation of one gate: both channels' values and the verdict. */
  public record GatePoint(
      long atMs,
      Double newValue,
      long newSamples,
      Double oldValue,
      long oldSamples,
      GateVerdict.Verdict verdict) {}

  /** One gate's evaluations, oldest first, with the rule they were judged by. */
  public record GateSeries(
      Gate gate,
      String unit,
      double limit,
      double maxDifference,
      int minSamples,
      List<GatePoint> points) {}

  /**
   * The new channel's weight from {@code atMs} on, as routing table {@code routingVersion} says.
   */
  public record WeightPoint(long atMs, int weightBps, long routingVersion) {}

  /** The running migration of a scope and the gates its plan judges by. */
  public record RunningGates(String migrationId, Gates gates) {}

  private final JdbcTemplate jdbc;
  private final ObjectMapper json = new ObjectMapper();

  public MigrationSeriesStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /**
   * The migration running on a scope and its plan's gate rules (a rule the plan leaves out is the
   * default, as the plan parser fills it in before the workflow starts).
   */
  public Optional<RunningGates> runningGates(String scope) {
    List<RunningGates> found =
        jdbc.query(
            "select migration_id, plan::text from migrations where scope = ? and ended_at is null",
            (rs, i) -> new RunningGates(rs.getString(1), gatesOf(rs.getString(2))),
            scope);
    return found.stream().findFirst();
  }

  private Gates gatesOf(String planJson) {
    try {
      JsonNode gates = json.readTree(planJson).path("gates");
      return gates.isObject()
          ? json.treeToValue(gates, Gates.class).withDefaults()
          : Gates.DEFAULTS;
    } catch (IOException e) {
      throw new IllegalStateException("a stored plan's gates cannot be read", e);
    }
  }

  /**
   * Records one evaluation's verdicts. Once per (migration, window end, gate): the same evaluation
   * again (a retried activity) writes nothing.
   */
  public void append(String migrationId, long windowEndMs, List<GateVerdict> verdicts) {
    List<Object[]> rows = new ArrayList<>();
    for (GateVerdict v : verdicts) {
      rows.add(
          new Object[] {
            migrationId,
            windowEndMs,
            v.gate().name(),
            v.newChannel().value(),
            v.newChannel().samples(),
            v.oldChannel().value(),
            v.oldChannel().samples(),
            v.rule().limit(),
            v.rule().maxDifference(),
            v.rule().minSamples(),
            v.verdict().name(),
            v.reason()
          });
    }
    jdbc.batchUpdate(
        """
        insert into migration_gate_samples
          (migration_id, window_end_ms, gate, new_value, new_samples, old_value, old_samples,
           limit_value, max_difference, min_samples, verdict, reason)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (migration_id, window_end_ms, gate) do nothing
        """,
        rows);
  }

  /** Each gate's last {@code limit} evaluations from {@code sinceMs} on, oldest first. */
  public List<GateSeries> gates(String migrationId, long sinceMs, int limit) {
    Map<Gate, List<GatePoint>> points = new LinkedHashMap<>();
    Map<Gate, GateRule> rules = new LinkedHashMap<>();
    jdbc.query(
        """
        select * from (
          select s.*, row_number() over (partition by gate order by window_end_ms desc) as nth
          from migration_gate_samples s where migration_id = ? and window_end_ms >= ?) newest
        where nth <= ? order by gate, window_end_ms
        """,
        rs -> {
          Gate gate = Gate.valueOf(rs.getString("gate"));
          points.computeIfAbsent(gate, g -> new ArrayList<>()).add(point(rs));
          rules.put(
              gate,
              new GateRule(
                  rs.getDouble("limit_value"),
                  rs.getDouble("max_difference"),
                  rs.getInt("min_samples")));
        },
        migrationId,
        sinceMs,
        limit);
    List<GateSeries> series = new ArrayList<>();
    for (Gate gate : Gate.values()) {
      if (points.containsKey(gate)) {
        GateRule rule = rules.get(gate);
        series.add(
            new GateSeries(
                gate,
                gate.rate() ? "ratio" : "ms",
                rule.limit(),
                rule.maxDifference(),
                rule.minSamples(),
                points.get(gate)));
      }
    }
    return series;
  }

  private static GatePoint point(ResultSet rs) throws SQLException {
    return new GatePoint(
        rs.getLong("window_end_ms"),
        (Double) rs.getObject("new_value"),
        rs.getLong("new_samples"),
        (Double) rs.getObject("old_value"),
        rs.getLong("old_samples"),
        GateVerdict.Verdict.valueOf(rs.getString("verdict")));
  }

  /**
   * The new channel's weight over the migration's lifetime, oldest first: the scope's table in
   * force when it started (from its start), then every table written until it ended; the last
   * {@code limit} from {@code sinceMs} on. Empty for an unknown migration.
   */
  public List<WeightPoint> weights(String migrationId, long sinceMs, int limit) {
    List<WeightPoint> newestFirst =
        jdbc.query(
            """
            with m as (
              select scope, to_channel, started_at, coalesce(ended_at, 'infinity') as ended_at
              from migrations where migration_id = ?),
            tables as (
              select (extract(epoch from greatest(t.created_at, m.started_at)) * 1000)::bigint as at_ms,
                     coalesce((t.weights_bps ->> m.to_channel)::int, 0) as weight_bps, t.version
              from routing_tables t join m on t.scope = m.scope
              where t.created_at <= m.ended_at
                and (t.created_at >= m.started_at
                     or t.version = (select max(r.version) from routing_tables r
                                     where r.scope = m.scope and r.created_at < m.started_at)))
            select * from tables where at_ms >= ? order by version desc limit ?
            """,
            (rs, i) ->
                new WeightPoint(
                    rs.getLong("at_ms"), rs.getInt("weight_bps"), rs.getLong("version")),
            migrationId,
            sinceMs,
            limit);
    List<WeightPoint> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    return oldestFirst;
  }
}
