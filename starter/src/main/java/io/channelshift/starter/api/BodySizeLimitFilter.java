package io.channelshift.starter.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Refuses bodies over {@link #MAX_BYTES} before anything reads them. */
@Component
class BodySizeLimitFilter extends OncePerRequestFilter {

  static final long MAX_BYTES = 64 * 1024;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > MAX_BYTES) {
      response.setStatus(413);
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Body too large\",\"status\":413,"
          + "\"detail\":\"the body is over " + MAX_BYTES + " bytes\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}
