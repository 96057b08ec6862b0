package io.channelshift.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelshift.app.demo.DemoClient.Reply;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.payment.PaymentTiming;
import io.channelshift.payment.RefundWebhook;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo's scenarios, each played over HTTP as the platform and the paying user would, each
 * checked against what docs/architecture.md says must happen.
 *
 * <p>Longer than most classes here on purpose: one short method per scenario of the README's table,
 * in its order.
 */
public final class DemoScenarios {

  /** Short enough that the whole demo ends well inside two minutes. */
  public static final PaymentTiming TIMING =
      new PaymentTiming(
          Duration.ofSeconds(4),
          List.of(Duration.ofMillis(1500)),
          Duration.ofMinutes(3),
          Duration.ofSeconds(30));

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Set<String> FULFILLED = Set.of("FULFILLED");

  private final DemoClient api;
  private final JdbcTemplate db;
  private final String prefix;

  public DemoScenarios(DemoClient api, DataSource dataSource, String prefix) {
    this.api = api;
    this.db = new JdbcTemplate(dataSource);
    this.prefix = prefix;
  }

  /** A scenario by name, to run when asked. */
  public record Scenario(String name, Supplier<ScenarioResult> run) {}

  public List<Scenario> all() {
    return List.of(
        new Scenario("paid", this::paid),
        new Scenario("expired, closed at the provider", this::expiredAndClosed),
        new Scenario("closed by the platform before payment", this::closedByThePlatform),
        new Scenario("callback lost, active query finds it paid", this::lostCallbackFoundByQuery),
        new Scenario("duplicate callback applied once", this::duplicateCallback),
        new Scenario("forged callback rejected", this::forgedCallbackRejected),
        new Scenario("paid after close, refunded automatically", this::paidAfterCloseRefunded),
        new Scenario("partial then full refund", this::partialThenFullRefund),
        new Scenario("refund above the paid amount refused", this::refundAbovePaidRefused),
        new Scenario("amount mismatch held as anomaly", this::amountMismatchAnomaly),
        new Scenario("risk rule rejects, no provider asked", this::riskRuleRejects),
        new Scenario("lost callback on a closed order, reconciled", this::foundByReconciliation));
  }

  ScenarioResult paid() {
    String order = order("paid");
    Reply created = api.createPayment(order, "alice", 1234);
    api.pay(order, Map.of());
    Reply end = api.awaitStatus(order, FULFILLED, WAIT);
    int webhooks = api.webhookDeliveries(order);
    return result(
        "paid",
        "201 with payUrl; FULFILLED; 1 webhook",
        created.status()
            + (created.text("payUrl").isEmpty() ? " without" : " with")
            + " payUrl; "
            + end.text("status")
            + "; "
            + webhooks
            + " webhook",
        created.status() == 201
            && !created.text("payUrl").isEmpty()
            && isStatus(end, "FULFILLED")
            && webhooks == 1);
  }

  ScenarioResult expiredAndClosed() {
    String order = order("expired");
    api.createPayment(order, "bob", 500);
    Reply end = api.awaitStatus(order, Set.of("CLOSED"), WAIT);
    String atProvider = providerStatus(order);
    return result(
        "expired, closed at the provider",
        "CLOSED here and CLOSED at the provider",
        end.text("status") + " here and " + atProvider + " at the provider",
        isStatus(end, "CLOSED") && "CLOSED".equals(atProvider));
  }

  ScenarioResult closedByThePlatform() {
    String order = order("cancelled");
    api.createPayment(order, "bea", 700);
    Reply closed = api.close(order, "user cancelled the order");
    String atProvider = providerStatus(order);
    return result(
        "closed by the platform before payment",
        "200 CLOSED at once; CLOSED at the provider",
        closed.status()
            + " "
            + closed.text("status")
            + " at once; "
            + atProvider
            + " at the provider",
        closed.status() == 200 && isStatus(closed, "CLOSED") && "CLOSED".equals(atProvider));
  }

  ScenarioResult lostCallbackFoundByQuery() {
    String order = order("lostcb");
    api.createPayment(order, "carol", 2000);
    api.pay(order, Map.of("deliverCallback", false));
    Reply end = api.awaitStatus(order, FULFILLED, WAIT);
    boolean foundByQuery = end.body().path("notes").toString().contains("active query");
    return result(
        "callback lost, active query finds it paid",
        "FULFILLED, paid by an active query",
        end.text("status") + (foundByQuery ? ", paid by an active query" : ", not by a query"),
        isStatus(end, "FULFILLED") && foundByQuery);
  }

  ScenarioResult duplicateCallback() {
    String order = order("dupcb");
    api.createPayment(order, "dave", 800);
    api.pay(order, Map.of());
    api.awaitStatus(order, FULFILLED, WAIT);
    api.renotify(order);
    api.renotify(order);
    DemoClient.sleep(1500);
    Reply end = api.payment(order);
    int inbox = count("select count(*) from callback_inbox where order_id = ?", order);
    int ledger =
        count(
            "select count(*) from ledger_entries where order_id = ? and entry_type = 'PAYMENT'",
            order);
    int webhooks = api.webhookDeliveries(order);
    return result(
        "duplicate callback applied once",
        "FULFILLED; 1 inbox row, 1 ledger payment, 1 webhook",
        end.text("status")
            + "; "
            + inbox
            + " inbox row, "
            + ledger
            + " ledger payment, "
            + webhooks
            + " webhook",
        isStatus(end, "FULFILLED") && inbox == 1 && ledger == 1 && webhooks == 1);
  }

  ScenarioResult forgedCallbackRejected() {
    String order = order("forged");
    api.createPayment(order, "erin", 9900);
    Reply forged = api.forgedCallback(order, 9900);
    Reply during = api.payment(order);
    Reply end = api.awaitStatus(order, Set.of("CLOSED"), WAIT);
    return result(
        "forged callback rejected",
        "401; still AWAITING_PAYMENT; then CLOSED unpaid",
        forged.status()
            + "; "
            + during.text("status")
            + "; then "
            + end.text("status")
            + " with paid "
            + end.body().path("paidAmountMinor").asLong(),
        forged.status() == 401
            && isStatus(during, "AWAITING_PAYMENT")
            && isStatus(end, "CLOSED")
            && end.body().path("paidAmountMinor").asLong() == 0);
  }

  /**
   * The user pays as the order closes and the provider's callback never arrives: nothing here
   * knows. The day's reconciliation finds the payment on the provider's statement, the provider
   * confirms it, and the payment refunds it by the rules; everything else of the day matches.
   */
  ScenarioResult foundByReconciliation() {
    String order = order("reconciled");
    api.createPayment(order, "judy", 3300);
    api.awaitStatus(order, Set.of("CLOSED"), WAIT);
    api.pay(order, Map.of("force", true, "deliverCallback", false));
    String day = LocalDate.now(ZoneOffset.UTC).toString();
    Reply started = api.reconcile(EmbeddedStack.LEGACY, day);
    JsonNode report =
        started.status() == 202
            ? api.awaitReconciliation(EmbeddedStack.LEGACY, day, WAIT).body().path("report")
            : started.body();
    String found = "not found";
    for (JsonNode d : report.path("discrepancies")) {
      if (order.equals(d.path("orderId").asText())) {
        found = d.path("kind").asText() + " " + d.path("status").asText();
      }
    }
    Reply end = api.awaitStatus(order, Set.of("REFUNDED"), WAIT);
    long open = report.path("run").path("discrepanciesOpen").asLong(-1);
    return result(
        "lost callback on a closed order, reconciled",
        "PROVIDER_PAID_NOT_PAID REPAIRED; REFUNDED; 0 open of the day",
        found + "; " + end.text("status") + "; " + open + " open of the day",
        found.equals("PROVIDER_PAID_NOT_PAID REPAIRED") && isStatus(end, "REFUNDED") && open == 0);
  }

  ScenarioResult paidAfterCloseRefunded() {
    String order = order("lateclose");
    api.createPayment(order, "frank", 3000);
    api.awaitStatus(order, Set.of("CLOSED"), WAIT);
    api.pay(order, Map.of("force", true));
    Reply end = api.awaitStatus(order, Set.of("REFUNDED"), WAIT);
    JsonNode refund = end.body().path("refunds").path(0);
    boolean automatic = refund.path("automatic").asBoolean();
    String told = told(order, refund.path("refundId").asText());
    return result(
        "paid after close, refunded automatically",
        "REFUNDED 3000 by an automatic refund; platform told refund.succeeded (automatic)",
        end.text("status")
            + " "
            + end.body().path("refundedAmountMinor").asLong()
            + (automatic ? " by an automatic refund" : " not automatically")
            + "; platform told "
            + told,
        isStatus(end, "REFUNDED")
            && end.body().path("refundedAmountMinor").asLong() == 3000
            && automatic
            && told.equals("refund.succeeded (automatic)"));
  }

  ScenarioResult partialThenFullRefund() {
    String order = order("refunds");
    api.createPayment(order, "grace", 1000);
    api.pay(order, Map.of());
    api.awaitStatus(order, FULFILLED, WAIT);
    Reply first = api.refund(order, order + "-r1", 300);
    Reply partial = api.awaitStatus(order, Set.of("PARTIALLY_REFUNDED"), WAIT);
    Reply second = api.refund(order, order + "-r2", 700);
    Reply end = api.awaitStatus(order, Set.of("REFUNDED"), WAIT);
    String told = told(order, order + "-r1") + ", " + told(order, order + "-r2");
    return result(
        "partial then full refund",
        "202, PARTIALLY_REFUNDED 300; 202, REFUNDED 1000; platform told refund.succeeded, refund.succeeded",
        first.status()
            + ", "
            + partial.text("status")
            + " "
            + partial.body().path("refundedAmountMinor").asLong()
            + "; "
            + second.status()
            + ", "
            + end.text("status")
            + " "
            + end.body().path("refundedAmountMinor").asLong()
            + "; platform told "
            + told,
        first.status() == 202
            && isStatus(partial, "PARTIALLY_REFUNDED")
            && second.status() == 202
            && isStatus(end, "REFUNDED")
            && end.body().path("refundedAmountMinor").asLong() == 1000
            && told.equals("refund.succeeded, refund.succeeded"));
  }

  /**
   * What the platform's webhook receiver was told of a refund: its event type, and whether it was
   * automatic.
   */
  private String told(String order, String refundId) {
    return api.awaitWebhook(RefundWebhook.eventId(order, refundId), WAIT)
        .map(e -> e.path("type").asText() + (e.path("automatic").asBoolean() ? " (automatic)" : ""))
        .orElse("nothing");
  }

  ScenarioResult refundAbovePaidRefused() {
    String order = order("overrefund");
    api.createPayment(order, "heidi", 1000);
    api.pay(order, Map.of());
    api.awaitStatus(order, FULFILLED, WAIT);
    Reply refused = api.refund(order, order + "-r1", 1001);
    Reply end = api.payment(order);
    return result(
        "refund above the paid amount refused",
        "422 problem; still FULFILLED, nothing refunded",
        refused.status()
            + " "
            + refused.text("title")
            + "; "
            + end.text("status")
            + ", refunded "
            + end.body().path("refundedAmountMinor").asLong(),
        refused.status() == 422
            && isStatus(end, "FULFILLED")
            && end.body().path("refundedAmountMinor").asLong() == 0
            && end.body().path("refunds").isEmpty());
  }

  ScenarioResult amountMismatchAnomaly() {
    String order = order("mismatch");
    api.createPayment(order, "ivan", 5000);
    // Its callback would be refused (it contradicts the ledger) and retried by the sandbox for
    // minutes; the payment's own query finds the money either way, so the callback is left out.
    api.pay(order, Map.of("amountMinor", 1, "deliverCallback", false));
    Reply end = api.awaitStatus(order, Set.of("ANOMALY"), WAIT);
    int webhooks = api.webhookDeliveries(order);
    return result(
        "amount mismatch held as anomaly",
        "ANOMALY; no webhook",
        end.text("status") + "; " + webhooks + " webhook",
        isStatus(end, "ANOMALY") && webhooks == 0);
  }

  /**
   * Above the embedded stack's per-payment maximum (50,000.00): refused by the risk rules before
   * any provider.
   */
  ScenarioResult riskRuleRejects() {
    String order = order("risky");
    Reply refused = api.createPayment(order, "grace", 6_000_000);
    Reply view = api.payment(order);
    Reply atProvider = api.providerOrder(order);
    return result(
        "risk rule rejects, no provider asked",
        "422 MAX_AMOUNT; REJECTED; no order at the provider",
        refused.status()
            + " "
            + refused.text("detail")
            + "; "
            + view.text("status")
            + "; provider "
            + atProvider.status(),
        refused.status() == 422
            && refused.text("detail").contains("MAX_AMOUNT")
            && isStatus(view, "REJECTED")
            && atProvider.status() == 404);
  }

  private String providerStatus(String order) {
    return api.providerOrder(order).text("status");
  }

  private int count(String sql, String order) {
    Integer n = db.queryForObject(sql, Integer.class, order);
    return n == null ? 0 : n;
  }

  private String order(String name) {
    return prefix + "-" + name;
  }

  private static boolean isStatus(Reply reply, String status) {
    return status.equals(reply.text("status"));
  }

  private static ScenarioResult result(String name, String expected, String actual, boolean ok) {
    return new ScenarioResult(name, expected, actual, ok);
  }
}
