package io.channelshift.starter.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a Content-Type that is not a concrete media type ({@code *}{@code /*}, {@code
 * application/*}, or not a media type at all) with 415 before any controller reads the body; Spring
 * MVC would otherwise fail on it unexpectedly.
 */
@Component
class ContentTypeFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getContentType();
    if (header != null && !concrete(header)) {
      ProblemResponses.write(
          response,
          415,
          "Unsupported Media Type",
          "Content-Type must be a concrete media type such as application/json");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean concrete(String header) {
    try {
      MediaType type = MediaType.parseMediaType(header);
      return !type.isWildcardType() && !type.isWildcardSubtype();
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}
