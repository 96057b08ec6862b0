package io.channelshift.cli;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A REST API that cannot be reached (nothing listening, an unknown host, no answer in time) is an
 * operator's everyday mistake, not a bug: it is told in one line naming what to check, with the
 * exit code a failed command always had (1). Anything else is a bug and keeps its stack trace.
 */
public final class UnreachableApi implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed)
      throws Exception {
    String why = why(e);
    if (why == null) {
      throw e; // picocli's default: the stack trace, exit code 1
    }
    command
        .getErr()
        .println(
            command.getCommandName()
                + ": cannot reach the ChannelShift API ("
                + why
                + "); is it running, and are --api or CHANNELSHIFT_API right?");
    return command.getCommandSpec().exitCodeOnExecutionException();
  }

  /** Why the API could not be reached, or null when the failure is something else. */
  private static String why(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof HttpTimeoutException) {
        return "no answer in time";
      }
      if (t instanceof UnresolvedAddressException) {
        return "unknown host";
      }
    }
    return null;
  }
}
