package io.channelshift.starter.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After a refusal (any 4xx or 5xx), what the client has not sent of its body yet is never read: Tomcat would
 * otherwise drain it to keep the connection open, reading, say, the rest of an unauthenticated upload after its
 * 401. The answer is written whole and the connection closed behind it.
 */
final class UnreadBodyValve extends ValveBase {

  UnreadBodyValve() {
    super(true);
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    try {
      getNext().invoke(request, response);
    } finally {
      if (response.getStatus() >= 400 && hasBody(request) && !request.isAsync() && !fullyRead(request)) {
        if (!response.isCommitted()) {
          response.setHeader("Connection", "close"); // so that the client does not send its next request on it
        }
        request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
      }
    }
  }

  private static boolean hasBody(Request request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  private static boolean fullyRead(Request request) {
    AtomicBoolean read = new AtomicBoolean();
    request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, read);
    return read.get();
  }
}
