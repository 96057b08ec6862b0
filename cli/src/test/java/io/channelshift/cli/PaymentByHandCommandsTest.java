package io.channelshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code payment settle} and {@code payment resend-webhook} against a stand-in API: what they send,
 * the one line they print, their exit codes.
 */
class PaymentByHandCommandsTest {

  private HttpServer api;
  private final Map<String, String> seen = new ConcurrentHashMap<>();
  private final Map<String, Object[]> answers = new ConcurrentHashMap<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          seen.put(
              path, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          seen.put(
              path + " user",
              String.valueOf(exchange.getRequestHeaders().getFirst("X-ChannelShift-User")));
          Object[] answer =
              answers.getOrDefault(path, new Object[] {404, "{\"detail\":\"no payment\"}"});
          byte[] body = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders((Integer) answer[0], body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    api.start();
  }

  @AfterEach
  void stop() {
    api.stop(0);
  }

  private int run(String... args) {
    CommandLine payment =
        new CommandLine(new ShowPaymentCommand())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, 1);
    all[1] = "--api";
    all[2] = "http://127.0.0.1:" + api.getAddress().getPort();
    System.arraycopy(args, 1, all, 3, args.length - 1);
    return payment.execute(all);
  }

  @Test
  void settle_sendsTheReasonAndWhoAsks_andPrintsWhatTheProviderSaid() {
    answers.put(
        "/api/payments/o-1/settle",
        new Object[] {
          200,
          "{\"orderId\":\"o-1\",\"outcome\":\"SETTLED\",\"status\":\"PAID\",\"detail\":\"the provider says PAID\"}"
        });

    int code = run("settle", "o-1", "--reason", "ticket 4711", "--by", "alice");

    assertThat(code).isZero();
    assertThat(seen.get("/api/payments/o-1/settle")).isEqualTo("{\"reason\":\"ticket 4711\"}");
    assertThat(seen.get("/api/payments/o-1/settle user")).isEqualTo("alice");
    assertThat(out.toString().strip())
        .isEqualTo("o-1 SETTLED (payment PAID): the provider says PAID");
  }

  @Test
  void settle_whenNothingChanged_exits3() {
    answers.put(
        "/api/payments/o-2/settle",
        new Object[] {
          200,
          "{\"outcome\":\"NOT_PAID\",\"status\":\"AWAITING_PAYMENT\",\"detail\":\"nothing changed\"}"
        });

    assertThat(run("settle", "o-2", "--reason", "x")).isEqualTo(3);
  }

  @Test
  void aRefusal_isOneLineWithTheProblemsDetail_exit1() {
    answers.put(
        "/api/payments/o-3/fulfilment/resend",
        new Object[] {
          409, "{\"title\":\"Conflict\",\"detail\":\"the fulfilment webhook of o-3 was delivered\"}"
        });

    int code = run("resend-webhook", "o-3", "--reason", "x");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "resend-webhook refused (HTTP 409): the fulfilment webhook of o-3 was delivered"
                + System.lineSeparator());
  }

  @Test
  void resendWebhook_withARefund_sendsThatRefundsWebhookAgain() {
    answers.put(
        "/api/payments/o-5/refunds/r-1/webhook/resend",
        new Object[] {
          200, "{\"outcome\":\"DELIVERED\",\"status\":\"REFUNDED\",\"detail\":\"acknowledged\"}"
        });

    assertThat(run("resend-webhook", "o-5", "--refund", "r-1", "--reason", "x")).isZero();
    assertThat(out.toString().strip()).isEqualTo("o-5 DELIVERED (payment REFUNDED): acknowledged");
  }

  @Test
  void withoutAReason_nothingIsSent() {
    assertThat(run("settle", "o-4")).isEqualTo(2);
    assertThat(seen).isEmpty();
  }
}
