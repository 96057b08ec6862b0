package io.channelshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code channelshift channels ...} against a stand-in API over HTTP. */
class ChannelsCommandTest {

  private HttpServer api;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path dir;
  private Path keyFile;

  @BeforeEach
  void start() throws IOException {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext(
        "/api/channels",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
          String path = exchange.getRequestURI().getPath();
          int status;
          String answer;
          if (path.endsWith("/retire")) {
            status = 409;
            answer =
                "{\"title\":\"Change refused\",\"status\":409,\"detail\":\"legacy still holds 2"
                    + " payment(s), e.g. [o-1]\\u001b[31m\"}";
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
          } else if (path.endsWith("/drain")) {
            status = 200;
            answer =
                "{\"channel\":\"legacy\",\"state\":\"DRAINING\",\"reason\":\"frozen\","
                    + "\"changedBy\":\"alice (key eng)\",\"changedAtEpochMs\":5}";
          } else {
            status = 200;
            answer =
                "[{\"channel\":\"legacy\",\"status\":{\"channel\":\"legacy\",\"state\":\"DRAINING\","
                    + "\"reason\":\"frozen\",\"changedBy\":\"alice\"},\"takesNewPayments\":false,"
                    + "\"disabledInConfiguration\":false,\"traffic\":[{\"scope\":\"all\","
                    + "\"tableVersion\":3,\"weightBps\":10000,\"backupPosition\":null}],"
                    + "\"open\":{\"notEnded\":1,\"inAfterSales\":2},\"health\":null}]";
          }
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    api.start();
    keyFile = Files.writeString(dir.resolve("key"), "csk_test_engineer");
  }

  @AfterEach
  void stop() {
    api.stop(0);
  }

  private int run(String... args) {
    CommandLine cli =
        new CommandLine(new ChannelsCommand())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--api";
    all[args.length + 1] = "http://127.0.0.1:" + api.getAddress().getPort();
    all[args.length + 2] = "--api-key-file";
    all[args.length + 3] = keyFile.toString();
    return cli.execute(all);
  }

  @Test
  void drainSendsTheReasonAndPrintsTheNewState() {
    assertThat(run("drain", "legacy", "--reason", "frozen", "--by", "alice")).isZero();

    assertThat(requests)
        .singleElement()
        .asString()
        .startsWith("POST /api/channels/legacy/drain")
        .contains("\"reason\":\"frozen\"");
    assertThat(out.toString()).contains("legacy is now DRAINING (frozen, alice (key eng))");
  }

  @Test
  void aRefusalIsOneLineWithTheDetail_controlCharactersDefused() {
    assertThat(run("retire", "legacy", "--reason", "done")).isEqualTo(1);

    assertThat(err.toString())
        .startsWith("refused (409): legacy still holds 2 payment(s), e.g. [o-1]")
        .doesNotContain("\u001b")
        .hasLineCount(1);
  }

  @Test
  void aReasonIsRequired() {
    assertThat(run("drain", "legacy")).isEqualTo(2);
    assertThat(requests).isEmpty();
  }

  @Test
  void listRendersATable() {
    assertThat(run("list")).isZero();

    assertThat(out.toString())
        .contains("legacy")
        .contains("DRAINING")
        .contains("all 10000")
        .contains("1+2")
        .contains("frozen (alice)");
  }
}
