package io.channelshift.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.sandbox.SandboxServer;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outage drill, outside any migration (issue 17): the platform pays steadily on {@code legacy},
 * the scope's primary, with {@code nova} as its backup, and {@code legacy} goes down (every API
 * call a 503, no callback goes out). What must happen by itself: each payment whose create fails at
 * {@code legacy} is created at {@code nova} within the checkout timeout (failover per payment), the
 * scope's health workflow fails the scope over to {@code nova} within the evaluation interval × the
 * failure limit + 2 s (failover per scope), and once {@code legacy} is back and healthy for the
 * healthy period, it fails back. What ops do by hand: settle (补单) the payments whose users paid on
 * {@code legacy} while its callbacks were not coming, on the provider's word. Then it checks, from
 * the database and both providers' books: every payment reached an end, and no user is out of
 * pocket on both channels for one order.
 */
public final class OutageDrill {

  static final long EVALUATION_INTERVAL_MS = 1_000;
  static final int FAILURE_LIMIT = 3;

  /**
   * The health workflows' settings for the demo's stack: one-second evaluations, three failures in
   * a row fail over, five healthy seconds fail back. The probe is 10%, not production's 1%: at the
   * drill's 20 payments a second, 1% puts about one create in a four-second window, below the five
   * samples a gate needs to pass, and the failed channel might never be seen healthy.
   */
  public static final Map<String, String> HEALTH_SETTINGS =
      Map.of(
          "channelshift.health.interval", "PT1S",
          "channelshift.health.window", "PT4S",
          "channelshift.health.failure-limit", String.valueOf(FAILURE_LIMIT),
          "channelshift.health.probe-bps", "1000",
          "channelshift.health.healthy-period", "PT5S",
          "channelshift.health.gates.create-success-rate.limit", "0.9",
          "channelshift.health.gates.create-success-rate.max-difference", "0.05",
          "channelshift.health.gates.create-success-rate.min-samples", "5");

  private static final String SCOPE = "all";
  private static final Duration OUTAGE = Duration.ofSeconds(8);

  private final EmbeddedStack stack;
  private final DemoClient api;
  private final JdbcTemplate db;
  private final PrintStream out;
  private final String prefix;

  public OutageDrill(EmbeddedStack stack, DemoClient api, PrintStream out, String prefix) {
    this.stack = stack;
    this.api = api;
    this.db = new JdbcTemplate(stack.dataSource());
    this.out = out;
    this.prefix = prefix;
  }

  public OutageReport run() throws InterruptedException {
    SandboxServer legacy = stack.sandbox(EmbeddedStack.LEGACY);
    requireOk(
        api.scopeAction(SCOPE, "release", "outage drill: automatic failover on", null, "drill"),
        "release the scope's hold");
    long startedAt = System.currentTimeMillis();
    PaymentLoad traffic = new PaymentLoad(api, prefix, 20);
    traffic.start();
    long outageAt;
    long recoveredAt;
    try {
      Thread.sleep(3_000); // legacy's baseline
      legacy.setFaults(legacy.faults().with("{\"outage\":true}"));
      outageAt = System.currentTimeMillis();
      out.println("  >> legacy down: every call answers 503 and no callback goes out");
      awaitMode("FAILED_OVER", Duration.ofSeconds(30));
      out.println("  " + healthLine());
      Thread.sleep(Math.max(0, outageAt + OUTAGE.toMillis() - System.currentTimeMillis()));
      legacy.setFaults(legacy.faults().with("{\"outage\":false}"));
      recoveredAt = System.currentTimeMillis();
      out.println("  >> legacy back");
      awaitFailback(recoveredAt, Duration.ofSeconds(60));
      out.println("  " + healthLine());
    } finally {
      traffic.stop();
      legacy.setFaults(legacy.faults().with("{\"outage\":false}"));
    }
    int settled = settlePaidByHand(legacy);
    awaitPaymentsEnded(Duration.ofSeconds(150));
    requireOk(api.scopeAction(SCOPE, "hold", "outage drill over", null, "drill"), "hold the scope");
    return report(startedAt, outageAt, recoveredAt, traffic, settled);
  }

  /**
   * What the seed's emergency plan does by hand: the users who paid on {@code legacy} while it sent
   * no callbacks are settled on the provider's answer, at once, rather than at the next query.
   */
  private int settlePaidByHand(SandboxServer legacy) {
    Set<String> paidAtLegacy = legacy.keptByOrder().keySet();
    List<String> waiting =
        db.queryForList(
            "select order_id from payments where order_id like ? and channel = 'legacy'"
                + " and status = 'AWAITING_PAYMENT'",
            String.class,
            prefix + "-%");
    int settled = 0;
    for (String orderId : waiting) {
      if (paidAtLegacy.contains(orderId)) {
        DemoClient.Reply r =
            api.postAs(
                DevKeys.OPS,
                "/api/payments/" + orderId + "/settle",
                Map.of("reason", "the user paid during the legacy outage"),
                Map.of());
        if (r.status() == 200 && "SETTLED".equals(r.body().path("outcome").asText())) {
          settled++;
        }
      }
    }
    out.printf("  settled by hand on legacy's answer: %d payment(s)%n", settled);
    return settled;
  }

  private OutageReport report(
      long startedAt, long outageAt, long recoveredAt, PaymentLoad traffic, int settledByHand) {
    Long failoverAt = tableWritten(outageAt, "< 10000");
    Long failbackAt = tableWritten(recoveredAt, "= 10000");
    long started =
        count(
            "select count(*) from payments where order_id like ? and created_at >= ?"
                + " and created_at < ?",
            prefix + "-%",
            new Timestamp(outageAt),
            new Timestamp(recoveredAt));
    long notEnded =
        count(
            "select count(*) from payments where order_id like ? and status in "
                + "('CREATED', 'AWAITING_PAYMENT', 'PAID', 'REFUNDING')",
            prefix + "-%");
    List<Map<String, Object>> timeline = timeline();
    long failedOverAtCreate =
        count("select count(*) from payment_failovers where order_id like ?", prefix + "-%");
    return new OutageReport(
        failoverAt == null ? null : failoverAt - outageAt,
        EVALUATION_INTERVAL_MS * FAILURE_LIMIT + 2_000,
        traffic.refused(),
        started,
        notEnded,
        failbackAt == null ? null : failbackAt - recoveredAt,
        paidTwice(),
        failedOverAtCreate,
        settledByHand,
        timeline,
        series(startedAt, outageAt, failoverAt, recoveredAt, failbackAt, timeline));
  }

  /** Read from the store once the drill is over: bounded by the drill's seconds and channels. */
  private OutageSeries series(
      long startedAt,
      long outageAt,
      Long failoverAt,
      long recoveredAt,
      Long failbackAt,
      List<Map<String, Object>> timeline) {
    List<OutageSeries.ChannelSecond> perSecond =
        db.query(
            "select floor(extract(epoch from created_at))::bigint * 1000 as at_ms, channel,"
                + " count(*) as n from payments where order_id like ? group by 1, 2 order by 1, 2",
            (rs, i) ->
                new OutageSeries.ChannelSecond(
                    rs.getLong("at_ms"), rs.getString("channel"), rs.getLong("n")),
            prefix + "-%");
    List<DrillSeries.Marker> markers = new ArrayList<>();
    markers.add(
        new DrillSeries.Marker(
            outageAt, DrillSeries.Kind.DEGRADED, "legacy down", "every call answers 503"));
    if (failoverAt != null) {
      markers.add(
          new DrillSeries.Marker(
              failoverAt, DrillSeries.Kind.FAILOVER, "failover table", "nova takes the scope"));
    }
    markers.add(new DrillSeries.Marker(recoveredAt, DrillSeries.Kind.RECOVERED, "legacy back", ""));
    if (failbackAt != null) {
      markers.add(
          new DrillSeries.Marker(
              failbackAt, DrillSeries.Kind.FAILBACK, "failback table", "legacy takes all again"));
    }
    long endedAt = Math.max(recoveredAt, failbackAt == null ? 0 : failbackAt);
    for (OutageSeries.ChannelSecond c : perSecond) {
      endedAt = Math.max(endedAt, c.atMs() + 1_000);
    }
    for (Map<String, Object> e : timeline) {
      long at = (Long) e.get("atMs");
      if (at >= startedAt && at <= endedAt) {
        markers.add(
            new DrillSeries.Marker(
                at,
                DrillSeries.Kind.EVENT,
                (String) e.get("event"),
                "by " + e.get("by") + ": " + e.get("detail")));
      }
    }
    markers.sort((a, b) -> Long.compare(a.atMs(), b.atMs()));
    return new OutageSeries(startedAt, endedAt, perSecond, markers);
  }

  /** When the first table of the scope after {@code after} gave legacy the weight asked for. */
  private Long tableWritten(long after, String legacyWeight) {
    List<Timestamp> at =
        db.queryForList(
            "select created_at from routing_tables where scope = ? and created_at > ?"
                + " and coalesce((weights_bps->>'legacy')::int, 0) "
                + legacyWeight
                + " order by version limit 1",
            Timestamp.class,
            SCOPE,
            new Timestamp(after));
    return at.isEmpty() ? null : at.get(0).getTime();
  }

  /** Drill orders for which a payer is out of pocket at both providers. */
  private long paidTwice() {
    Set<String> both = new HashSet<>(stack.sandbox(EmbeddedStack.LEGACY).keptByOrder().keySet());
    both.retainAll(stack.sandbox(EmbeddedStack.NOVA).keptByOrder().keySet());
    return both.stream().filter(orderId -> orderId.startsWith(prefix + "-")).count();
  }

  private List<Map<String, Object>> timeline() {
    List<Map<String, Object>> events = new ArrayList<>();
    api.scopeHealth(SCOPE)
        .body()
        .path("timeline")
        .forEach(
            e ->
                events.add(
                    Map.of(
                        "atMs", e.path("atMs").asLong(),
                        "event", e.path("event").asText(),
                        "by", e.path("by").asText(),
                        "detail", e.path("detail").asText())));
    return events;
  }

  private void awaitMode(String mode, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (mode.equals(api.scopeHealth(SCOPE).body().path("mode").asText())) {
        return;
      }
      DemoClient.sleep(100);
    }
  }

  private void awaitFailback(long recoveredAt, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && tableWritten(recoveredAt, "= 10000") == null) {
      DemoClient.sleep(200);
    }
  }

  /** "scope all: FAILED_OVER, routing {legacy=100, nova=9900}, failed over legacy → nova". */
  private String healthLine() {
    JsonNode h = api.scopeHealth(SCOPE).body();
    String weights =
        db.queryForObject(
            "select weights_bps::text from routing_tables where scope = ? order by version desc"
                + " limit 1",
            String.class,
            SCOPE);
    return String.format(
        "scope %s: %s, routing %s%s",
        SCOPE,
        h.path("mode").asText(),
        weights,
        h.path("failover").isObject()
            ? ", failed over "
                + h.path("failover").path("from").asText()
                + " → "
                + h.path("failover").path("to").asText()
            : "");
  }

  private void awaitPaymentsEnded(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline
        && count(
                "select count(*) from payments where order_id like ? and status in "
                    + "('CREATED', 'AWAITING_PAYMENT', 'PAID', 'REFUNDING')",
                prefix + "-%")
            > 0) {
      DemoClient.sleep(500);
    }
  }

  private long count(String sql, Object... args) {
    Long n = db.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }

  private static void requireOk(DemoClient.Reply reply, String what) {
    if (reply.status() / 100 != 2) {
      throw new IllegalStateException(
          "the outage drill could not " + what + ": " + reply.status() + " " + reply.body());
    }
  }
}
