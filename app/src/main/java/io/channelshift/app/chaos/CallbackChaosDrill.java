package io.channelshift.app.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.http.BlockingHttp;
import io.channelshift.http.HmacSignature;
import io.channelshift.sandbox.FaultSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Callbacks at their worst: 30% lost, every one duplicated and some sent five times, delivered out
 * of order and up to 1.5 s late; forged ones (wrong signature) and replayed ones (a genuine
 * callback sent again with its nonce); and payments made after their order closed.
 */
final class CallbackChaosDrill implements Drill {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String id() {
    return "callback-chaos";
  }

  @Override
  public String inject(ChaosContext c) throws Exception {
    c.stack()
        .sandbox(EmbeddedStack.LEGACY)
        .setFaults(new FaultSettings(0, 0, 1, 0, 1_500, 0.3, 1.0, true, false));
    c.sleep(c.heavy() ? 20_000 : 4_000);
    List<String> orders = c.load().accepted().stream().sorted().limit(c.heavy() ? 30 : 6).toList();
    int forgedRejected = 0;
    int replaysRejected = 0;
    int sentFiveTimes = 0;
    for (String order : orders) {
      forgedRejected += c.api().forgedCallback(order, 100).status() == 401 ? 1 : 0;
      DemoClient.Reply atProvider = c.api().providerOrder(order);
      if ("SUCCESS".equals(atProvider.text("status"))) {
        for (int i = 0; i < 4; i++) {
          c.api()
              .renotify(
                  order); // with the sandbox's own duplicate: five deliveries of one notification
        }
        sentFiveTimes++;
        replaysRejected += replayRejected(c, order, atProvider) ? 1 : 0;
      }
    }
    c.stack().sandbox(EmbeddedStack.LEGACY).setFaults(FaultSettings.NONE);
    int paidAfterClose = payAfterClose(c, orders);
    c.notes().put("forgedRejected", forgedRejected + "/" + orders.size());
    c.notes().put("replaysRejected", replaysRejected + "/" + sentFiveTimes);
    c.notes().put("notificationsSentFiveTimes", sentFiveTimes);
    c.notes().put("paidAfterClose", paidAfterClose);
    return "legacy callbacks: 30% lost, all duplicated, out of order, 0-1.5 s late; "
        + orders.size()
        + " forged, "
        + sentFiveTimes
        + " sent 5 times and replayed, "
        + paidAfterClose
        + " paid after close";
  }

  /**
   * A genuine callback (signed with the merchant secret, as the sandbox signs) sent twice with one
   * nonce.
   */
  private static boolean replayRejected(ChaosContext c, String order, DemoClient.Reply atProvider)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("notifyId", "REPLAY-" + order);
    body.put("merchantId", "M-LEGACY-001");
    body.put("outTradeNo", order);
    body.put("tradeNo", atProvider.text("tradeNo"));
    body.put("status", "SUCCESS");
    body.put("amountMinor", atProvider.body().path("amountMinor").asLong());
    body.put("currency", "CNY");
    body.put("paidAt", atProvider.text("paidAt"));
    String text = JSON.writeValueAsString(body);
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    String nonce = "replay-" + order;
    Map<String, String> headers =
        Map.of(
            "Content-Type",
            "application/json",
            "X-Sandbox-Timestamp",
            timestamp,
            "X-Sandbox-Nonce",
            nonce,
            "X-Sandbox-Signature",
            HmacSignature.sign(
                c.stack().sandboxSecret(EmbeddedStack.LEGACY), timestamp, nonce, text));
    BlockingHttp http = new BlockingHttp(Duration.ofSeconds(2), Duration.ofSeconds(10));
    String url = c.stack().apiBaseUrl() + "/notify/legacy";
    http.exchange("POST", url, headers, text);
    return http.exchange("POST", url, headers, text).status() == 401;
  }

  /**
   * Orders the user never paid: once closed, paid anyway at the provider, which the payment must
   * refund.
   */
  private static int payAfterClose(ChaosContext c, List<String> orders) {
    int paid = 0;
    for (String order : c.load().accepted().stream().sorted().toList()) {
      if (paid >= 3 || orders.contains(order)) {
        continue;
      }
      if (!"SUCCESS".equals(c.api().providerOrder(order).text("status"))) {
        DemoClient.Reply closed =
            c.api().awaitStatus(order, Set.of("CLOSED"), Duration.ofSeconds(15));
        if ("CLOSED".equals(closed.text("status"))
            && c.api().pay(order, Map.of("force", true)).status() / 100 == 2) {
          paid++;
        }
      }
    }
    return paid;
  }
}
