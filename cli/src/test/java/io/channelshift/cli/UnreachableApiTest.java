package io.channelshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command pointed at an API nobody answers says so in one line, exit code 1, and no stack trace.
 */
class UnreachableApiTest {

  @Test
  void givenNothingListening_theCommandSaysSoInOneLine() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort(); // free once closed: nothing listens there
    }
    StringWriter err = new StringWriter();
    CommandLine routes =
        new CommandLine(new RoutesCommand())
            .setExecutionExceptionHandler(new UnreachableApi())
            .setErr(new PrintWriter(err, true));

    int code = routes.execute("--api", "http://127.0.0.1:" + closedPort);

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains("cannot reach the ChannelShift API (connection refused)")
        .doesNotContain("at java.")
        .hasLineCount(1);
  }

  @Test
  void givenAnotherFailure_itKeepsPicocliDefault() {
    StringWriter err = new StringWriter();
    CommandLine failing =
        new CommandLine(new Failing())
            .setExecutionExceptionHandler(new UnreachableApi())
            .setErr(new PrintWriter(err, true));

    assertThat(failing.execute()).isEqualTo(1);
    assertThat(err.toString()).contains("IllegalStateException").contains("a bug");
  }

  @CommandLine.Command(name = "failing")
  static final class Failing implements Runnable {
    @Override
    public void run() {
      throw new IllegalStateException("a bug");
    }
  }
}
