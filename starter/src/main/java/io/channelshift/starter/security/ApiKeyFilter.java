package io.channelshift.starter.security;

import io.channelshift.starter.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the API key ({@code Authorization: Bearer <key>}, or {@code X-API-Key: <key>}) and, when it
 * is one of ours, makes its holder the request's caller. A request with a key that is not ours is
 * answered 401 at once; a request without one goes on anonymous, and the authorization rules decide
 * (callbacks need no key).
 */
final class ApiKeyFilter extends OncePerRequestFilter {

  static final String API_KEY_HEADER = "X-API-Key";
  private static final String BEARER = "Bearer ";

  private final ApiKeys keys;

  ApiKeyFilter(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> presented = presentedKey(request);
    if (presented.isPresent()) {
      Optional<ApiKeys.Caller> caller = keys.authenticate(presented.get());
      if (caller.isEmpty()) {
        ProblemResponses.write(response, 401, "Unauthorized", "the API key is not valid");
        return;
      }
      List<SimpleGrantedAuthority> authorities =
          caller.get().roles().stream()
              .map(r -> new SimpleGrantedAuthority(r.authority()))
              .toList();
      SecurityContextHolder.getContext()
          .setAuthentication(
              UsernamePasswordAuthenticationToken.authenticated(
                  caller.get().keyName(), null, authorities));
    }
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  /** The key the request presents, if any (an empty header presents none). */
  static Optional<String> presentedKey(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.of(authorization.substring(BEARER.length()).strip())
          .filter(k -> !k.isEmpty());
    }
    return Optional.ofNullable(request.getHeader(API_KEY_HEADER))
        .map(String::strip)
        .filter(k -> !k.isEmpty());
  }
}
