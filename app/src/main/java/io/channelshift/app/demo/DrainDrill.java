package io.channelshift.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The drain drill (issue 17): {@code legacy} is drained while it holds payments in flight and paid
 * payments inside their after-sales window. New payments go to the backup at once; everything
 * {@code legacy} holds goes on to its end: the in-flight payments' callbacks still verify, a refund
 * of a paid one succeeds, an unpaid one expires and is closed at the provider, a retire is refused
 * while anything is open, and the day reconciles. Then {@code legacy} is activated again.
 */
public final class DrainDrill {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final DemoClient api;
  private final PrintStream out;
  private final String prefix;

  public DrainDrill(DemoClient api, PrintStream out, String prefix) {
    this.api = api;
    this.out = out;
    this.prefix = prefix;
  }

  public DrainReport run() {
    List<String> paid = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      String order = created("paid-" + i);
      api.pay(order, Map.of());
      api.awaitStatus(order, Set.of("FULFILLED"), WAIT);
      paid.add(order);
    }
    String inFlight = created("in-flight");
    String unpaid = created("unpaid");

    DemoClient.Reply drained = channelAction("drain", "outage drill over: legacy frozen again");
    out.printf("  >> legacy drained: %s%n", drained.body().path("state").asText());
    DemoClient.Reply after = api.createPayment(prefix + "-after", prefix + "-user-after", 1500);
    String newChannel = after.text("channel");

    api.pay(inFlight, Map.of());
    boolean callbackSettled =
        "FULFILLED".equals(api.awaitStatus(inFlight, Set.of("FULFILLED"), WAIT).text("status"));
    api.refund(paid.get(0), "drain-refund", 2000, "refund after the drain");
    boolean refunded =
        "REFUNDED".equals(api.awaitStatus(paid.get(0), Set.of("REFUNDED"), WAIT).text("status"));
    boolean expired =
        Set.of("EXPIRED", "CLOSED")
            .contains(api.awaitStatus(unpaid, Set.of("EXPIRED", "CLOSED"), WAIT).text("status"));
    String atProvider = api.providerOrder(unpaid).text("status");
    DemoClient.Reply retire = channelAction("retire", "contract ended");
    out.printf(
        "  retire while payments are open: %d %s%n",
        retire.status(), retire.body().path("detail").asText());
    long open = reconcileToday();
    channelAction("activate", "drill over");
    return new DrainReport(
        newChannel,
        callbackSettled,
        refunded,
        expired ? atProvider : "not expired",
        retire.status(),
        open);
  }

  private String created(String name) {
    String order = prefix + "-" + name;
    DemoClient.Reply r = api.createPayment(order, prefix + "-user-" + name, 2000);
    if (r.status() != 201 || !EmbeddedStack.LEGACY.equals(r.text("channel"))) {
      throw new IllegalStateException("the drain drill needs payments on legacy, got " + r);
    }
    return order;
  }

  private DemoClient.Reply channelAction(String action, String reason) {
    return api.postAs(
        DevKeys.ENGINEER,
        "/api/channels/" + EmbeddedStack.LEGACY + "/" + action,
        Map.of("reason", reason),
        Map.of());
  }

  /**
   * Reconciles legacy's day once more and answers the open discrepancies among the drill's orders.
   */
  private long reconcileToday() {
    String day = LocalDate.now(ZoneOffset.UTC).toString();
    long runsBefore =
        api.reconciliation(EmbeddedStack.LEGACY, day)
            .body()
            .path("report")
            .path("run")
            .path("runs")
            .asLong(0);
    DemoClient.Reply started = api.reconcile(EmbeddedStack.LEGACY, day);
    JsonNode report = started.body();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (started.status() == 202 && System.nanoTime() < deadline) {
      DemoClient.Reply now = api.reconciliation(EmbeddedStack.LEGACY, day);
      report = now.body().path("report");
      if ("completed".equals(now.body().path("progress").path("phase").asText())
          && report.path("run").path("runs").asLong(0) > runsBefore) {
        break;
      }
      DemoClient.sleep(250);
    }
    long open = 0;
    for (JsonNode d : report.path("discrepancies")) {
      if (d.path("orderId").asText().startsWith(prefix + "-")
          && "OPEN".equals(d.path("status").asText())) {
        open++;
      }
    }
    return open;
  }
}
