package io.channelshift.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.sandbox.SandboxServer;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The migration drill: platform traffic pays steadily across product types and users (who really
 * pay through the sandbox, with realistic callback delays) while a migration legacy → nova runs
 * with short intervals. In the degraded scenario, nova starts failing at a chosen step; the gates
 * see it and the migration rolls back by itself. Then it checks, from the database: every payment
 * reached an end, none went to nova after the rollback, and how long it took from the degradation
 * to the routing being restored.
 */
public final class MigrationDrill {

  public enum Scenario {
    DEGRADED,
    HEALTHY
  }

  /** The drill's plan: four steps, one-second evaluations, three failures roll back. */
  public static final String PLAN =
      """
      {"migrationId":"%s","fromChannel":"legacy","toChannel":"nova","scope":"all",
       "steps":[{"weightBps":1000,"minDuration":"PT4S","minSamples":5},
                {"weightBps":2500,"minDuration":"PT4S","minSamples":5},
                {"weightBps":5000,"minDuration":"PT4S","minSamples":5},
                {"weightBps":10000,"minDuration":"PT4S","minSamples":5}],
       "gates":{"createSuccessRate":{"limit":0.9,"maxDifference":0.05,"minSamples":5},
                "paymentSuccessRate":{"limit":0.6,"maxDifference":0.2,"minSamples":5},
                "createLatencyP95Ms":{"limit":2000,"maxDifference":1000,"minSamples":5},
                "callbackDelayP95Ms":{"limit":5000,"maxDifference":3000,"minSamples":3},
                "verificationFailureRate":{"limit":0.05,"maxDifference":0.05,"minSamples":3}},
       "evaluationInterval":"PT1S","window":"PT8S","failureLimit":3,"inconclusiveLimit":"PT1M","bakePeriod":"PT5S"}""";

  static final long EVALUATION_INTERVAL_MS = 1_000;
  static final int FAILURE_LIMIT = 3;

  /** Nova degrades once the migration reaches this weight. */
  public static final int DEGRADE_AT_BPS = 5_000;

  private static final String[] PRODUCTS = {"game_card", "topup", "membership"};
  private static final String REALISTIC_CALLBACKS =
      "{\"callbackDelayMinMs\":150,\"callbackDelayMaxMs\":900}";

  /** Nova's degradation: half its creates answer 5xx, 70% of its payments are declined. */
  public static final String NOVA_FAILING = "{\"create5xxRate\":0.5,\"paymentSuccessRate\":0.3}";

  private final EmbeddedStack stack;
  private final DemoClient api;
  private final JdbcTemplate db;
  private final PrintStream out;
  private final String migrationId;

  /**
   * The platform's traffic; its refused requests (e.g. a 502 from nova's failing creates) go in the
   * report.
   */
  private PaymentLoad traffic;

  /** The statuses the drill polls, kept as a series for the HTML report. */
  private DrillSeriesRecorder recorder;

  public MigrationDrill(EmbeddedStack stack, DemoClient api, PrintStream out, String prefix) {
    this.stack = stack;
    this.api = api;
    this.db = new JdbcTemplate(stack.dataSource());
    this.out = out;
    this.migrationId = prefix + "-legacy-to-nova";
  }

  public MigrationReport run(Scenario scenario) throws InterruptedException {
    SandboxServer legacy = stack.sandbox(EmbeddedStack.LEGACY);
    SandboxServer nova = stack.sandbox(EmbeddedStack.NOVA);
    legacy.setFaults(legacy.faults().with(REALISTIC_CALLBACKS));
    nova.setFaults(nova.faults().with(REALISTIC_CALLBACKS));

    recorder = new DrillSeriesRecorder(System.currentTimeMillis());
    traffic = new PaymentLoad(api, migrationId, 20);
    traffic.start();
    try {
      sleep(3_000); // both channels' baseline before anything moves
      DemoClient.Reply started = api.startMigration(PLAN.formatted(migrationId), "drill");
      if (started.status() != 201) {
        throw new IllegalStateException("the drill's migration did not start: " + started.body());
      }
      out.printf(
          "  migration %s started: legacy → nova, 1000 → 2500 → 5000 → 10000 bps%n", migrationId);
      long degradedAt = 0;
      JsonNode status = api.migration(migrationId).body();
      long lastEvaluations = -1;
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (!ended(status) && System.nanoTime() < deadline) {
        recorder.observe(status, System.currentTimeMillis());
        if (scenario == Scenario.DEGRADED
            && degradedAt == 0
            && status.path("weightBps").asInt() >= DEGRADE_AT_BPS) {
          nova.setFaults(nova.faults().with(NOVA_FAILING));
          degradedAt = System.currentTimeMillis();
          recorder.mark(
              degradedAt,
              DrillSeries.Kind.DEGRADED,
              "nova degraded",
              "at " + status.path("weightBps").asInt() + " bps: " + NOVA_FAILING);
          out.printf(
              "  >> nova degraded at %d bps: half its creates fail (5xx), 70%% of its payments are declined%n",
              status.path("weightBps").asInt());
        }
        if (status.path("evaluations").asLong() != lastEvaluations) {
          lastEvaluations = status.path("evaluations").asLong();
          out.println("  " + progressLine(status));
        }
        sleep(250);
        status = api.migration(migrationId).body();
      }
      recorder.observe(status, System.currentTimeMillis());
      out.println("  " + progressLine(status));
      traffic.stop();
      awaitPaymentsEnded();
      return report(status, degradedAt);
    } finally {
      traffic.stop();
      nova.setFaults(nova.faults().with("{\"create5xxRate\":0,\"paymentSuccessRate\":1}"));
    }
  }

  private MigrationReport report(JsonNode status, long degradedAt) {
    Long rollbackVersion = null;
    Timestamp restoredAt = null;
    if ("ROLLED_BACK".equals(status.path("phase").asText())) {
      rollbackVersion = status.path("routingVersion").asLong();
      restoredAt =
          db.queryForObject(
              "select created_at from routing_tables where version = ?",
              Timestamp.class,
              rollbackVersion);
      if (restoredAt != null) {
        recorder.mark(
            restoredAt.getTime(),
            DrillSeries.Kind.ROLLBACK,
            "rollback table",
            "routing table version " + rollbackVersion + " written: legacy takes all again");
      }
    }
    long routedToNewAfter =
        restoredAt == null
            ? 0
            : count(
                "select count(*) from payments where channel = 'nova' and created_at > ? and order_id like ?",
                restoredAt,
                migrationId + "-%");
    long notEnded =
        count(
            "select count(*) from payments where order_id like ? and status in "
                + "('CREATED', 'AWAITING_PAYMENT', 'PAID', 'REFUNDING')",
            migrationId + "-%");
    long started = count("select count(*) from payments where order_id like ?", migrationId + "-%");
    long onNova =
        count(
            "select count(*) from payments where channel = 'nova' and order_id like ?",
            migrationId + "-%");
    Long msToRollback =
        restoredAt == null || degradedAt == 0 ? null : restoredAt.getTime() - degradedAt;
    List<Map<String, Object>> timeline = new ArrayList<>();
    status
        .path("timeline")
        .forEach(
            e ->
                timeline.add(
                    Map.of(
                        "atMs",
                        e.path("atMs").asLong(),
                        "event",
                        e.path("event").asText(),
                        "by",
                        e.path("by").asText(),
                        "detail",
                        e.path("detail").asText())));
    return new MigrationReport(
        status.path("phase").asText(),
        status.path("rollbackReason").isNull() ? null : status.path("rollbackReason").asText(),
        msToRollback,
        routedToNewAfter,
        started,
        traffic.refused(),
        onNova,
        notEnded,
        EVALUATION_INTERVAL_MS * FAILURE_LIMIT + 2_000,
        timeline,
        feeProjection(status.path("costs")),
        recorder.series());
  }

  private static List<Map<String, Object>> feeProjection(JsonNode costs) {
    List<Map<String, Object>> rows = new ArrayList<>();
    costs
        .path("byCurrency")
        .forEach(
            c ->
                rows.add(
                    Map.of(
                        "currency",
                        c.path("currency").asText(),
                        "payments",
                        c.path("payments").asLong(),
                        "volumeMinor",
                        c.path("volumeMinor").asLong(),
                        "feesOnFromMinor",
                        c.path("feesOnFromMinor").asLong(),
                        "feesOnToMinor",
                        c.path("feesOnToMinor").asLong(),
                        "monthlyDifferenceMinor",
                        c.path("monthlyDifferenceMinor").asLong())));
    return rows;
  }

  private long count(String sql, Object... args) {
    Long n = db.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }

  private void awaitPaymentsEnded() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline
        && count(
                "select count(*) from payments where order_id like ? and status in "
                    + "('CREATED', 'AWAITING_PAYMENT', 'PAID', 'REFUNDING')",
                migrationId + "-%")
            > 0) {
      sleep(500);
    }
  }

  private static boolean ended(JsonNode status) {
    return Set.of("ROLLED_BACK", "COMPLETED", "ABORTED").contains(status.path("phase").asText());
  }

  /** "RAMPING nova 2500 bps | FAIL CREATE_SUCCESS_RATE new 0.45 (20) vs old 1.00 (60) | ..." */
  static String progressLine(JsonNode s) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                "%-16s nova %5d bps, %d failing in a row",
                s.path("phase").asText(),
                s.path("weightBps").asInt(),
                s.path("consecutiveFailures").asInt()));
    for (JsonNode v : s.path("lastVerdicts")) {
      if (!v.path("verdict").asText().equals("PASS")) {
        line.append(
            String.format(
                " | %s %s %s vs %s",
                v.path("verdict").asText(),
                v.path("gate").asText(),
                value(v.path("newChannel")),
                value(v.path("oldChannel"))));
      }
    }
    if (!s.path("lastVerdicts").isEmpty() && line.indexOf("|") < 0) {
      line.append(" | all gates pass");
    }
    return line.toString();
  }

  private static String value(JsonNode c) {
    return c.path("value").isNull() || c.path("value").isMissingNode()
        ? "- (" + c.path("samples").asLong() + ")"
        : String.format("%.2f (%d)", c.path("value").asDouble(), c.path("samples").asLong());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
