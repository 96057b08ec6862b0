package io.channelshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * {@code routes backups} sends the scope's list in order with its reason and who asks, and prints
 * the table in force, or a refusal in one line; {@code routes} shows every table's backups.
 */
class RouteBackupsCommandTest {

  private HttpServer api;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile int status;
  private volatile String answer;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void startApi() throws Exception {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext(
        "/",
        exchange -> {
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getRawPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("X-ChannelShift-User")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    api.start();
  }

  @AfterEach
  void stopApi() {
    api.stop(0);
  }

  private int routes(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--api";
    all[args.length + 1] = "http://127.0.0.1:" + api.getAddress().getPort();
    return new CommandLine(new RoutesCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(all);
  }

  @Test
  void theListIsSentInOrder_withItsReasonAndWhoAsks_andTheNewTableIsPrinted() {
    status = 201;
    answer =
        "{\"scope\":\"all\",\"version\":13,\"weightsBps\":{\"legacy\":10000},\"ramping\":null,"
            + "\"backups\":[\"nova\",\"alipay\"]}";

    int code =
        routes("backups", "all", "nova", "alipay", "--reason", "legacy frozen", "--by", "alice");

    assertThat(code).isZero();
    assertThat(requests)
        .containsExactly(
            "PUT /api/routes/all/backups alice"
                + " {\"backups\":[\"nova\",\"alipay\"],\"reason\":\"legacy frozen\"}");
    assertThat(out.toString()).contains("written, version 13").contains("nova, alipay");
  }

  @Test
  void noneClearsTheList_andARetryThatChangesNothingSaysSo() {
    status = 200;
    answer = "{\"scope\":\"all\",\"version\":13,\"weightsBps\":{\"legacy\":10000},\"backups\":[]}";

    assertThat(routes("backups", "all", "--none", "--reason", "r", "--by", "bob")).isZero();

    assertThat(requests)
        .containsExactly("PUT /api/routes/all/backups bob {\"backups\":[],\"reason\":\"r\"}");
    assertThat(out.toString()).contains("already in force, nothing written");
  }

  @Test
  void aRefusalIsOneLine_withTheProblemsDetail_exitCode1() throws Exception {
    status = 409;
    answer =
        new ObjectMapper()
            .writeValueAsString(
                java.util.Map.of(
                    "title",
                    "Migration running",
                    "detail",
                    "migration m1 runs on scope all and owns its routing table\u001b[2J",
                    "status",
                    409));

    int code = routes("backups", "all", "nova", "--reason", "r");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .hasLineCount(1)
        .startsWith("refused: Migration running: migration m1 runs on scope all")
        .contains("(HTTP 409)")
        .doesNotContain("\u001b");
  }

  @Test
  void neitherChannelsNorNone_orBoth_isAUsageError_nothingSent() {
    assertThat(routes("backups", "all", "--reason", "r")).isEqualTo(2);
    assertThat(routes("backups", "all", "nova", "--none", "--reason", "r")).isEqualTo(2);
    assertThat(routes("backups", "all", "nova")).isEqualTo(2); // --reason is required

    assertThat(requests).isEmpty();
  }

  @Test
  void routesShowsEveryTablesBackups() throws Exception {
    String rendered =
        RoutesCommand.render(
            new ObjectMapper()
                .readTree(
                    "{\"cachedVersion\":13,\"listening\":true,\"channels\":[\"legacy\",\"nova\"],"
                        + "\"tables\":[{\"scope\":\"all\",\"version\":13,"
                        + "\"weightsBps\":{\"legacy\":10000},\"ramping\":null,"
                        + "\"backups\":[\"nova\",\"alipay\"]},"
                        + "{\"scope\":\"topup\",\"version\":9,\"weightsBps\":{\"nova\":10000},"
                        + "\"ramping\":null,\"backups\":[]}]}"));

    assertThat(rendered).contains("backups (in order)");
    assertThat(rendered.lines().filter(l -> l.startsWith("all")).findFirst().orElseThrow())
        .endsWith("nova, alipay");
    assertThat(rendered.lines().filter(l -> l.startsWith("topup")).findFirst().orElseThrow())
        .endsWith("-");
  }
}
