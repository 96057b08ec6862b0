package io.channelshift.app.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.MigrationDrill;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.sandbox.SandboxServer;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The migration drill with the worker process killed twice: with SIGKILL in the middle of a ramp
 * step, and again the moment the rollback's routing table is written (its notifications and the end
 * of the workflow still to do). Each time it is started again a few seconds later. The migration
 * must still roll back, and no payment may be routed to the new channel after the rollback's table,
 * on top of every payment invariant.
 */
final class MigrationKillDrill implements Drill {

  private static final long DOWN_MS = 3_000;
  private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(90);
  private static final String NOVA_HEALTHY = "{\"create5xxRate\":0,\"paymentSuccessRate\":1}";

  @Override
  public String id() {
    return "migration-kill";
  }

  @Override
  public String inject(ChaosContext c) throws Exception {
    String migrationId = "chaos-migration-" + Long.toString(System.currentTimeMillis(), 36);
    JdbcTemplate db = new JdbcTemplate(c.stack().dataSource());
    SandboxServer nova = c.stack().sandbox(EmbeddedStack.NOVA);
    if (c.api().startMigration(MigrationDrill.PLAN.formatted(migrationId), "chaos").status()
        != 201) {
      throw new IllegalStateException("the drill's migration did not start");
    }
    try {
      JsonNode midStep = await(c, migrationId, s -> s.path("weightBps").asInt() >= 2_500);
      c.worker().kill();
      c.sleep(DOWN_MS);
      c.worker().start();

      await(c, migrationId, s -> s.path("weightBps").asInt() >= MigrationDrill.DEGRADE_AT_BPS);
      long before = latestVersion(db);
      nova.setFaults(nova.faults().with(MigrationDrill.NOVA_FAILING));
      Timestamp rollbackAt = awaitRollbackTable(c, db, before);
      c.worker().kill();
      c.sleep(DOWN_MS);
      c.worker().start();

      JsonNode end = await(c, migrationId, s -> !s.path("phase").asText().equals("RAMPING"));
      long onNovaAfter =
          count(
              db,
              "select count(*) from payments where channel = 'nova' and created_at > ? "
                  + "and order_id like ?",
              rollbackAt,
              "chaos-" + id() + "-%");
      c.checks()
          .put(
              "migrationNotRolledBack", "ROLLED_BACK".equals(end.path("phase").asText()) ? 0L : 1L);
      c.checks().put("paymentsOnNewChannelAfterRollback", onNovaAfter);
      if (onNovaAfter > 0) { // which ones, against the table, for whoever has to find out why
        c.notes().put("rollbackTable", rollbackAt.toInstant().toString());
        c.notes()
            .put(
                "onNovaAfterRollback",
                db.queryForList(
                        "select order_id, routing_version, created_at::text "
                            + "from payments where channel = 'nova' and created_at > ? and order_id like ? order by created_at",
                        rollbackAt,
                        "chaos-" + id() + "-%")
                    .toString());
      }
      c.notes().put("migrationPhase", end.path("phase").asText());
      c.notes().put("rollbackReason", end.path("rollbackReason").asText(null));
      List<String> timeline = new ArrayList<>();
      end.path("timeline")
          .forEach(e -> timeline.add(e.path("event").asText() + ": " + e.path("detail").asText()));
      c.notes().put("timeline", timeline);
      return "kill -9 of the worker at "
          + midStep.path("weightBps").asInt()
          + " bps (step "
          + (midStep.path("step").asInt() + 1)
          + "), restarted "
          + DOWN_MS / 1000
          + " s later; nova degraded at "
          + MigrationDrill.DEGRADE_AT_BPS
          + " bps; kill -9 the moment the rollback's routing table was written, "
          + "restarted "
          + DOWN_MS / 1000
          + " s later";
    } finally {
      nova.setFaults(nova.faults().with(NOVA_HEALTHY));
    }
  }

  /**
   * Polls the migration's status until it satisfies the condition. Only a status the API answered
   * (200) counts: while the worker is down or the machine is loaded a read can time out or answer
   * 503, which says nothing about the phase (a problem body has none, and "not RAMPING" would
   * otherwise hold on it).
   */
  private static JsonNode await(ChaosContext c, String migrationId, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
    JsonNode status = answeredStatus(c, migrationId);
    JsonNode last = status;
    while (status == null || !condition.test(status)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the migration did not get there within "
                + PHASE_TIMEOUT
                + ": "
                + (last == null
                    ? "no status answered"
                    : last.path("phase").asText()
                        + " at "
                        + last.path("weightBps").asInt()
                        + " bps"));
      }
      c.sleep(50);
      status = answeredStatus(c, migrationId);
      last = status == null ? last : status;
    }
    return status;
  }

  /** The migration's status, or null when the API did not answer it. */
  private static JsonNode answeredStatus(ChaosContext c, String migrationId) {
    try {
      DemoClient.Reply reply = c.api().migration(migrationId);
      return reply.status() == 200 ? reply.body() : null;
    } catch (UncheckedIOException e) {
      return null;
    }
  }

  /**
   * Waits for a routing table newer than {@code before} that sends nothing to nova; answers when it
   * was written.
   */
  private static Timestamp awaitRollbackTable(ChaosContext c, JdbcTemplate db, long before) {
    long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      List<Timestamp> written =
          db.queryForList(
              "select created_at from routing_tables where version > ? "
                  + "and coalesce((weights_bps ->> 'nova')::int, 0) = 0 order by version limit 1",
              Timestamp.class,
              before);
      if (!written.isEmpty()) {
        return written.get(0);
      }
      c.sleep(10);
    }
    throw new IllegalStateException(
        "no rollback within " + PHASE_TIMEOUT + " of nova's degradation");
  }

  private static long latestVersion(JdbcTemplate db) {
    return count(db, "select coalesce(max(version), 0) from routing_tables");
  }

  private static long count(JdbcTemplate db, String sql, Object... args) {
    Long n = db.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }
}
