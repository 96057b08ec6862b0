package io.channelshift.starter.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs before a console session is read on each request:
 *
 * <ul>
 *   <li>a session older than {@link ConsoleSessions#MAX_AGE} since its sign-in is ended (the page's
 *       poll every 2 s keeps the idle timeout from ever ending one): the request goes on without
 *       it, so a call that needs a caller is answered 401;
 *   <li>on a request the session authenticates (no key presented), who asks is the person named at
 *       sign-in: the {@code X-ChannelShift-User} header the client sends is replaced by it (removed
 *       when none was named), so a session cannot put another name on the timeline.
 * </ul>
 *
 * A request with a key is judged by its key alone, its header as the key's client sends it.
 */
final class ConsoleSessionGuard extends OncePerRequestFilter {

  private final Clock clock;

  ConsoleSessionGuard(Clock clock) {
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session == null || ApiKeyFilter.presentedKey(request).isPresent()) {
      chain.doFilter(request, response);
      return;
    }
    if (ConsoleSessions.expired(session, clock.millis())) {
      session.invalidate();
      chain.doFilter(request, response);
      return;
    }
    chain.doFilter(new NamedBySession(request, ConsoleSessions.person(request)), response);
  }

  /** The request with the session's person as its only {@code X-ChannelShift-User}. */
  private static final class NamedBySession extends HttpServletRequestWrapper {
    private final Optional<String> person;

    NamedBySession(HttpServletRequest request, Optional<String> person) {
      super(request);
      this.person = person;
    }

    private static boolean isUser(String name) {
      return Requester.USER_HEADER.equalsIgnoreCase(name);
    }

    @Override
    public String getHeader(String name) {
      return isUser(name) ? person.orElse(null) : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return isUser(name)
          ? Collections.enumeration(person.map(List::of).orElse(List.of()))
          : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = new ArrayList<>();
      for (String name : Collections.list(super.getHeaderNames())) {
        if (!isUser(name)) {
          names.add(name);
        }
      }
      person.ifPresent(p -> names.add(Requester.USER_HEADER));
      return Collections.enumeration(names);
    }
  }
}
