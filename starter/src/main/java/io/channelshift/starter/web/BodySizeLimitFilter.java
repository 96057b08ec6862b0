package io.channelshift.starter.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over {@link #MAX_BYTES}: at once when the Content-Length says so, without reading
 * any of it, and while reading when the body comes chunked, cut at the limit, so that no request
 * can make the API read or buffer more than that. First of all filters, before the API key is
 * checked and before anything else could read a body; after a refusal Tomcat discards at most that
 * much more of the body, else closes the connection (see {@code TomcatRefusals}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class BodySizeLimitFilter extends OncePerRequestFilter {

  public static final int MAX_BYTES = 64 * 1024;

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > MAX_BYTES) {
      ProblemResponses.write(
          response, 413, "Body too large", "the body is over " + MAX_BYTES + " bytes");
      return;
    }
    chain.doFilter(request.getContentLengthLong() >= 0 ? request : new Bounded(request), response);
  }

  /** A body of unknown length, cut off past the limit. */
  private static final class Bounded extends HttpServletRequestWrapper {

    Bounded(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0) {
            count(1);
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = in.read(buffer, offset, length);
          if (n > 0) {
            count(n);
          }
          return n;
        }

        private void count(int n) throws BodyTooLargeException {
          read += n;
          if (read > MAX_BYTES) {
            throw new BodyTooLargeException();
          }
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }

  /** Thrown while reading a body that went past the limit. */
  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException() {
      super("the body is over " + MAX_BYTES + " bytes");
    }
  }
}
