package io.channelshift.starter.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The console's second way in: a key presented once to {@code POST /console/sign-in} makes a server
 * session (its cookie HttpOnly and SameSite=Strict, see the console's cookie settings), which then
 * authenticates the console's calls to the same {@code /api} under the same role rules. The key
 * itself is never kept: the session holds the key's name and roles only. A request that presents a
 * key is authenticated by the key alone, stateless, as before the console existed.
 */
public final class ConsoleSessions {

  /**
   * Where a session's caller is kept (the session), read by every request's filter chain, written
   * by {@link #signIn} only: nothing else (a filter, a key's request) can put a caller in a session
   * or make one.
   */
  static final SecurityContextRepository REPOSITORY = new SignInOnly();

  private static final String SIGNING_IN = ConsoleSessions.class.getName() + ".signingIn";

  private static final class SignInOnly extends HttpSessionSecurityContextRepository {

    SignInOnly() {
      setAllowSessionCreation(false);
    }

    @Override
    public void saveContext(
        SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
      if (Boolean.TRUE.equals(request.getAttribute(SIGNING_IN))) {
        super.saveContext(context, request, response);
      }
    }
  }

  /** The sign-in itself needs no CSRF token: it is JSON only (see the console's controller). */
  private static final String SIGN_IN = "/console/sign-in";

  /** Idle time after which a console session ends. */
  public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

  /**
   * Age after which a session ends whatever its use (checked on each request by {@link
   * ConsoleSessionGuard}): the page polls every 2 s, so the idle timeout alone would never end one.
   */
  public static final Duration MAX_AGE = Duration.ofHours(12);

  private static final String USER_ATTRIBUTE = "channelshift.console.user";

  /** When the session was signed in, in epoch milliseconds. */
  static final String SIGNED_IN_AT_ATTRIBUTE = "channelshift.console.signedInAt";

  /**
   * Scripts and styles from this origin only (no inline script, no eval), no framing, calls to this
   * origin only: what a page injected with markup could do is bounded even if escaping failed.
   */
  static final String CONTENT_SECURITY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private ConsoleSessions() {}

  /**
   * A request needs the session's CSRF token when it could change something and only a session
   * could authenticate it: a request with a key is judged by its key (a browser does not add one to
   * a forged request), one without a session by the rules as anonymous (callbacks).
   */
  static boolean needsCsrfToken(HttpServletRequest request) {
    return !SAFE_METHODS.contains(request.getMethod())
        && ApiKeyFilter.presentedKey(request).isEmpty()
        && request.getSession(false) != null
        && !SIGN_IN.equals(request.getRequestURI());
  }

  /**
   * Makes a new session for the caller: any session the browser had is ended first (no session id
   * chosen before sign-in survives it: fixation), then the caller's name and roles are kept in the
   * new one, with the person who signed in.
   */
  public static void signIn(
      HttpServletRequest request,
      HttpServletResponse response,
      ApiKeys.Caller caller,
      String person) {
    HttpSession previous = request.getSession(false);
    if (previous != null) {
      previous.invalidate();
    }
    HttpSession session = request.getSession(true);
    session.setMaxInactiveInterval((int) IDLE_TIMEOUT.toSeconds());
    session.setAttribute(SIGNED_IN_AT_ATTRIBUTE, System.currentTimeMillis());
    if (person != null && !person.isBlank()) {
      session.setAttribute(USER_ATTRIBUTE, person.strip());
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            caller.keyName(),
            null,
            caller.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList()));
    SecurityContextHolder.setContext(context);
    request.setAttribute(SIGNING_IN, Boolean.TRUE);
    try {
      REPOSITORY.saveContext(context, request, response);
    } finally {
      request.removeAttribute(SIGNING_IN);
    }
  }

  /**
   * Whether the session was signed in more than {@link #MAX_AGE} ago. A session {@link #signIn} did
   * not make has no caller in it (only the sign-in saves one), so there is nothing to end.
   */
  static boolean expired(HttpSession session, long nowMs) {
    Object signedInAt;
    try {
      signedInAt = session.getAttribute(SIGNED_IN_AT_ATTRIBUTE);
    } catch (IllegalStateException alreadyInvalidated) {
      return false; // nothing to end
    }
    return signedInAt instanceof Long at && nowMs - at >= MAX_AGE.toMillis();
  }

  /** Ends the request's session, if it has one. */
  public static void signOut(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    SecurityContextHolder.clearContext();
  }

  /** Whether the request came with a live console session. */
  public static boolean hasSession(HttpServletRequest request) {
    return request.getSession(false) != null;
  }

  /** The person named at sign-in, if any. */
  public static Optional<String> person(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session == null
        ? Optional.empty()
        : Optional.ofNullable((String) session.getAttribute(USER_ATTRIBUTE));
  }
}
