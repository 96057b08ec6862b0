package io.channelshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code channelshift scope ...} against a stand-in API: what it sends, what it prints. */
class ScopeCommandTest {

  private static final String STATUS =
      """
      {"scope":"all","mode":"FAILED_OVER","primary":"nova","routingVersion":9,"backups":["legacy"],
       "failover":{"from":"legacy","to":"nova","movedBps":9900,"atMs":0,"by":"workflow",
                   "reason":"automatic: gates createSuccessRate failed 3 evaluations in a row"},
       "hold":{"by":"bob\\u001b[2J","reason":"watching","atMs":0},
       "consecutiveFailures":0,"failureLimit":3,
       "verdicts":{"legacy":[{"gate":"CREATE_SUCCESS_RATE","verdict":"FAIL","reason":"0.2 below 0.98"}],
                   "nova":[{"gate":"CREATE_SUCCESS_RATE","verdict":"PASS","reason":"ok"}]},
       "timeline":[{"atMs":0,"event":"FAILOVER","by":"workflow","detail":"legacy → nova"}]}""";

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String answer = STATUS;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " "
                  + body
                  + " user="
                  + exchange.getRequestHeaders().getFirst("X-ChannelShift-User"));
          byte[] out = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void healthRendersTheFailoverHoldAndFailingGates_withHostileTextEscaped() {
    Run r = run("health", "all");

    assertThat(r.code).isZero();
    assertThat(r.out)
        .contains("scope all: FAILED_OVER, primary nova")
        .contains("failed over legacy → nova")
        .contains("HELD by bob\\u001b[2J")
        .contains("CREATE_SUCCESS_RATE")
        .doesNotContain("\u001b");
    assertThat(requests).singleElement().asString().startsWith("GET /api/scopes/all/health");
  }

  @Test
  void failoverSendsTheReasonTheTargetAndWhoAsks() {
    Run r = run("failover", "game", "--reason", "legacy frozen", "--to", "nova", "--by", "alice");

    assertThat(r.code).isZero();
    assertThat(requests)
        .singleElement()
        .asString()
        .startsWith("POST /api/scopes/game/failover")
        .contains("\"reason\":\"legacy frozen\"", "\"target\":\"nova\"", "user=alice");
  }

  @Test
  void aRefusalIsOneLineWithTheProblemsDetail_exit1() {
    status = 409;
    answer =
        "{\"title\":\"Request refused\",\"status\":409,\"detail\":\"migration m-1 runs on scope all"
            + " and owns its routing table\"}";

    Run r = run("failover", "all", "--reason", "down");

    assertThat(r.code).isEqualTo(1);
    assertThat(r.err.strip())
        .isEqualTo(
            "HTTP 409 Request refused: migration m-1 runs on scope all and owns its routing table");
  }

  @Test
  void aRequestWithoutAReasonIsNotSent() {
    Run r = run("hold", "all");

    assertThat(r.code).isEqualTo(2);
    assertThat(requests).isEmpty();
  }

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--api";
    all[args.length + 1] = "http://127.0.0.1:" + server.getAddress().getPort();
    int code =
        new CommandLine(new ScopeCommand())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(all);
    return new Run(code, out.toString(), err.toString());
  }
}
