package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoClient.Reply;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.cli.ReconcileCommand;
import io.channelshift.fees.FeeSchedule;
import io.channelshift.payment.Money;
import io.channelshift.payment.PaymentTiming;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine;

/**
 * Reconciliation and costs on the embedded runtime: the sandbox's statement over HTTP, the ledger
 * in PostgreSQL, the workflows on the Temporal test server. The tests run in order on one channel
 * and one day, as a finance team would see it: a clean day, then a payment whose callback was lost,
 * then the costs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconciliationEndToEndTest {

  /**
   * Payments expire in 3 s; active queries are far apart, so only the reconciliation can find a
   * lost payment.
   */
  private static final PaymentTiming TIMING =
      new PaymentTiming(
          Duration.ofSeconds(3),
          List.of(Duration.ofMinutes(10)),
          Duration.ofMinutes(10),
          Duration.ofSeconds(30));

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final FeeSchedule LEGACY_FEES = EmbeddedStack.FEES.get(EmbeddedStack.LEGACY);

  private EmbeddedStack stack;
  private DemoClient api;
  private JdbcTemplate db;
  private final String today = LocalDate.now(ZoneOffset.UTC).toString();
  private final List<Long> amounts = new ArrayList<>();

  @BeforeAll
  void start() {
    stack = EmbeddedStack.start(StackOptions.ephemeral(TIMING));
    api = new DemoClient(stack);
    db = new JdbcTemplate(stack.dataSource());
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  @Order(1)
  void aCleanDayMatchesLineForLine_feesAndTotalsAgree_andRunningItAgainChangesNothing() {
    for (long amount : new long[] {1999, 25_000, 1_003}) {
      String orderId = "rec-" + amount;
      // Subjects and the refund's reason with commas and quotes: the statement quotes them, every
      // column stays put.
      assertThat(
              api.createPayment(
                      orderId, "u-" + amount, amount, "game_card", "60 gems, \"bonus\" " + amount)
                  .status())
          .isEqualTo(201);
      api.pay(orderId, Map.of());
      assertThat(api.awaitStatus(orderId, Set.of("FULFILLED"), WAIT).text("status"))
          .isEqualTo("FULFILLED");
      amounts.add(amount);
    }
    assertThat(api.refund("rec-25000", "rec-r1", 10_000, "changed mind, said \"no\"").status())
        .isEqualTo(202);
    assertThat(api.awaitStatus("rec-25000", Set.of("PARTIALLY_REFUNDED"), WAIT).text("status"))
        .isEqualTo("PARTIALLY_REFUNDED");

    // Every paid payment recorded its fee (0.60% half up) and its settlement day (T+1: the next
    // working day).
    for (long amount : amounts) {
      Map<String, Object> row =
          db.queryForMap(
              "select fee_minor, settlement_date from payments where order_id = ?",
              "rec-" + amount);
      assertThat(((Number) row.get("fee_minor")).longValue())
          .isEqualTo(LEGACY_FEES.feeFor(cny(amount)).minor());
      assertThat(row.get("settlement_date").toString())
          .isEqualTo(LEGACY_FEES.settlementDate(LocalDate.parse(today)).toString());
    }
    // the ledger names a refund by its provider number, as the provider's statement does
    Long returned =
        db.queryForObject(
            "select l.fee_minor from ledger_entries l join refunds r "
                + "on l.entry_type = 'REFUND' and l.reference = r.provider_refund_no "
                + "where r.order_id = 'rec-25000' and r.refund_id = 'rec-r1'",
            Long.class);
    assertThat(returned)
        .isEqualTo(
            LEGACY_FEES
                .feeReturned(
                    cny(LEGACY_FEES.feeFor(cny(25_000)).minor()), cny(25_000), cny(0), cny(10_000))
                .minor());

    JsonNode first = reconcile();
    JsonNode run = first.path("run");
    assertThat(run.path("statementLines").asLong()).isEqualTo(4); // three payments, one refund
    assertThat(run.path("matched").asLong()).isEqualTo(4);
    assertThat(run.path("discrepanciesOpen").asLong()).isZero();
    assertThat(first.path("discrepancies")).isEmpty();
    JsonNode cny = run.path("totals").path("CNY");
    assertThat(cny.path("providerPaymentsMinor").asLong())
        .isEqualTo(1999 + 25_000 + 1_003)
        .isEqualTo(cny.path("ledgerPaymentsMinor").asLong());
    assertThat(cny.path("providerRefundsMinor").asLong())
        .isEqualTo(10_000)
        .isEqualTo(cny.path("ledgerRefundsMinor").asLong());
    assertThat(cny.path("providerFeesMinor").asLong())
        .isEqualTo(cny.path("ledgerFeesMinor").asLong());

    JsonNode again = reconcile();
    assertThat(again.path("run").path("runs").asInt()).isEqualTo(2);
    assertThat(again.path("run").path("matched").asLong()).isEqualTo(4);
    assertThat(again.path("run").path("totals")).isEqualTo(run.path("totals"));
    assertThat(again.path("discrepancies")).isEmpty();
  }

  @Test
  @Order(2)
  void
      aPaymentWhoseCallbackWasLostAndWhichExpiredHereIsFoundAndRefunded_andTheRepairStaysSettled() {
    assertThat(api.createPayment("rec-lost", "u-lost", 4_200).status()).isEqualTo(201);
    assertThat(api.awaitStatus("rec-lost", Set.of("CLOSED"), WAIT).text("status"))
        .isEqualTo("CLOSED");
    // The user paid as the order closed, and the provider's callback never arrived.
    assertThat(api.pay("rec-lost", Map.of("force", true, "deliverCallback", false)).status())
        .isEqualTo(200);

    JsonNode report = reconcile();
    JsonNode repaired = only(report.path("discrepancies"));
    assertThat(repaired.path("kind").asText()).isEqualTo("PROVIDER_PAID_NOT_PAID");
    assertThat(repaired.path("orderId").asText()).isEqualTo("rec-lost");
    assertThat(repaired.path("status").asText()).isEqualTo("REPAIRED");
    assertThat(repaired.path("resolution").asText()).contains("refunds it");
    assertThat(report.path("run").path("discrepanciesOpen").asLong()).isZero();
    // The payment rules decide: money for a closed order goes back, automatically, on its own
    // channel.
    Reply payment = api.awaitStatus("rec-lost", Set.of("REFUNDED"), WAIT);
    assertThat(payment.text("status")).isEqualTo("REFUNDED");
    assertThat(payment.body().path("refunds").get(0).path("automatic").asBoolean()).isTrue();
    assertThat(api.providerOrder("rec-lost").body().path("refundedAmountMinor").asLong())
        .isEqualTo(4_200);

    JsonNode after =
        reconcile(); // the day again: the payment and its refund now match; the repair stays
    // settled
    assertThat(after.path("run").path("discrepanciesOpen").asLong()).isZero();
    assertThat(after.path("run").path("matched").asLong())
        .isEqualTo(after.path("run").path("statementLines").asLong());
    JsonNode same = only(after.path("discrepancies"));
    assertThat(same.path("id").asLong()).isEqualTo(repaired.path("id").asLong());
    assertThat(same.path("status").asText()).isEqualTo("REPAIRED");
  }

  @Test
  @Order(3)
  void theCostsShowVolumeFeesTheEffectiveRateAndWhatAwaitsSettlement() {
    JsonNode costs = api.costs(today, today).body();
    JsonNode legacy = null;
    for (JsonNode c : costs.path("channels")) {
      if (c.path("channel").asText().equals("legacy")) {
        legacy = c;
      }
    }
    assertThat(legacy).isNotNull();
    long volume = 1999 + 25_000 + 1_003 + 4_200;
    long fees =
        LEGACY_FEES.feeFor(cny(1999)).minor()
            + LEGACY_FEES.feeFor(cny(25_000)).minor()
            + LEGACY_FEES.feeFor(cny(1_003)).minor()
            + LEGACY_FEES.feeFor(cny(4_200)).minor()
            - LEGACY_FEES
                .feeReturned(
                    cny(LEGACY_FEES.feeFor(cny(25_000)).minor()), cny(25_000), cny(0), cny(10_000))
                .minor()
            - LEGACY_FEES
                .feeFor(cny(4_200))
                .minor(); // the automatic refund was full: its whole fee came back
    assertThat(legacy.path("payments").asLong()).isEqualTo(4);
    assertThat(legacy.path("volumeMinor").asLong()).isEqualTo(volume);
    assertThat(legacy.path("refundsMinor").asLong()).isEqualTo(10_000 + 4_200);
    assertThat(legacy.path("feesMinor").asLong()).isEqualTo(fees);
    assertThat(legacy.path("effectiveRateBps").asText())
        .isEqualTo(
            BigDecimal.valueOf(fees * 10_000)
                .divide(BigDecimal.valueOf(volume), 2, RoundingMode.HALF_UP)
                .toPlainString());
    assertThat(legacy.path("awaitingSettlement").asLong())
        .isEqualTo(4); // T+1: nothing paid today has settled
  }

  @Test
  @Order(4)
  void badRequestsAreRefusedAndStartNothing() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    assertThat(
            post(http, DevKeys.ENGINEER, "{\"channel\":\"nope\",\"date\":\"" + today + "\"}")
                .statusCode())
        .isEqualTo(422);
    assertThat(
            post(http, DevKeys.ENGINEER, "{\"channel\":\"legacy\",\"date\":\"26-11-2026\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            post(http, DevKeys.ENGINEER, "{\"channel\":\"legacy\",\"date\":\"2099-01-01\"}")
                .statusCode())
        .isEqualTo(422);
    assertThat(post(http, DevKeys.ENGINEER, "[]").statusCode()).isEqualTo(400);
    HttpResponse<String> ops =
        post(http, DevKeys.OPS, "{\"channel\":\"legacy\",\"date\":\"" + today + "\"}");
    assertThat(ops.statusCode()).isEqualTo(403);
    assertThat(ops.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(
            db.queryForObject(
                "select count(*) from reconciliation_runs where channel <> 'legacy' "
                    + "or business_day <> ?::date",
                Long.class,
                today))
        .isZero();
    assertThat(api.reconciliation("legacy", "2001-01-01").status()).isEqualTo(404);
  }

  @Test
  @Order(5)
  void theCliPrintsTheDaysReportWithEachDiscrepancy(@TempDir Path dir) throws Exception {
    Path keyFile = Files.writeString(dir.resolve("key"), DevKeys.OPS);
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new ReconcileCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    int exit =
        cli.execute(
            "status",
            "--api",
            stack.apiBaseUrl(),
            "--api-key-file",
            keyFile.toString(),
            "--channel",
            "legacy",
            "--date",
            today);
    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("reconciliation of legacy for " + today + ": COMPLETED")
        .contains("statement lines 6")
        .contains("PROVIDER_PAID_NOT_PAID")
        .contains("rec-lost")
        .contains("CNY payments");
  }

  @Test
  @Order(6)
  void anEngineerSettlesWhatNeedsAHuman_opsMayNot_andARerunKeepsIt() throws Exception {
    // Money our ledger says legacy moved and the provider's statement does not show: for a human to
    // look into.
    db.update(
        "insert into payments (order_id, user_id, amount_minor, currency, product_type, channel, routing_version,"
            + " status, trade_no, expires_at, paid_amount_minor, paid_at) values ('rec-ghost', 'u', 800, 'CNY', "
            + "'game_card', 'legacy', 1, 'FULFILLED', 'GHOST-1', now(), 800, now())");
    db.update(
        "insert into ledger_entries (order_id, entry_type, reference, amount_minor, currency, channel) values "
            + "('rec-ghost', 'PAYMENT', 'rec-ghost', 800, 'CNY', 'legacy')");
    JsonNode report = reconcile();
    JsonNode ghost =
        only(
            report.path("discrepancies").findParents("orderId").stream()
                .filter(d -> d.path("orderId").asText().equals("rec-ghost"))
                .toList());
    assertThat(ghost.path("kind").asText()).isEqualTo("LEDGER_PAID_MISSING");
    assertThat(ghost.path("status").asText()).isEqualTo("OPEN");
    String path = "/api/reconciliations/discrepancies/" + ghost.path("id").asLong() + "/resolve";
    HttpClient http = HttpClient.newHttpClient();

    assertThat(post(http, DevKeys.OPS, path, "{\"resolution\":\"looked\"}").statusCode())
        .isEqualTo(403);
    assertThat(post(http, DevKeys.ENGINEER, path, "{\"resolution\":\"\"}").statusCode())
        .isEqualTo(400);
    assertThat(
            post(
                    http,
                    DevKeys.ENGINEER,
                    "/api/reconciliations/discrepancies/999999999/resolve",
                    "{\"resolution\":\"x\"}")
                .statusCode())
        .isEqualTo(404);
    HttpResponse<String> resolved =
        post(
            http,
            DevKeys.ENGINEER,
            path,
            "{\"resolution\":\"test order booked by hand, ticket FIN-7\",\"by\":\"erin\"}");
    assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
    assertThat(resolved.body())
        .contains("\"status\":\"RESOLVED\"")
        .contains("resolved by erin (key dev-engineer): test order booked by hand, ticket FIN-7");
    assertThat(post(http, DevKeys.ENGINEER, path, "{\"resolution\":\"again\"}").statusCode())
        .isEqualTo(409);

    JsonNode again = reconcile();
    assertThat(again.path("run").path("discrepanciesOpen").asLong()).isZero();
    assertThat(
            again.path("discrepancies").findParents("orderId").stream()
                .filter(d -> d.path("orderId").asText().equals("rec-ghost"))
                .map(d -> d.path("status").asText()))
        .containsExactly("RESOLVED");
  }

  private JsonNode reconcile() {
    assertThat(api.reconcile("legacy", today).status()).isEqualTo(202);
    return api.awaitReconciliation("legacy", today, WAIT).body().path("report");
  }

  private HttpResponse<String> post(HttpClient http, String key, String body) throws Exception {
    return post(http, key, "/api/reconciliations", body);
  }

  private HttpResponse<String> post(HttpClient http, String key, String path, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + path))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode only(JsonNode array) {
    assertThat(array).hasSize(1);
    return array.get(0);
  }

  private static JsonNode only(List<JsonNode> list) {
    assertThat(list).hasSize(1);
    return list.get(0);
  }

  /** An amount in fen, as the schedules here are priced. */
  private static Money cny(long minor) {
    return new Money(minor, "CNY");
  }
}
