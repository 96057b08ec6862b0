package io.channelshift.starter.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.config.CodecProperties;
import io.channelshift.starter.security.ApiKeys;
import io.channelshift.starter.security.ConsoleSessions;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.EngineerText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's own calls: sign in with a key (a server session; the key is checked and forgotten),
 * sign out, and who the signed-in caller is (roles, the CSRF token its changes carry, where the
 * Temporal UI is). Everything else the console shows it reads from {@code /api}.
 */
@RestController
class ConsoleController {

  /** What the console needs to know about its caller. */
  record Me(String keyName, String person, List<String> roles, Csrf csrf, TemporalUi temporalUi) {}

  /** The header and token a session's state-changing call must carry. */
  record Csrf(String headerName, String token) {}

  /** Where a payment's workflow is shown: {@code url}/namespaces/{namespace}/workflows/{id}. */
  record TemporalUi(String url, String namespace) {}

  private final ApiKeys keys;
  private final ObjectMapper json;
  private final SignInThrottle throttle = new SignInThrottle();
  private final Clock clock;

  private final Optional<TemporalUi> temporalUi;

  ConsoleController(
      ApiKeys keys,
      ObjectMapper json,
      CodecProperties codec,
      @Value("${channelshift.console.temporal-ui-url:}") String temporalUiUrl,
      @Value("${channelshift.temporal.namespace:default}") String namespace) {
    this.keys = keys;
    this.json = json;
    this.clock = Clock.systemUTC();
    this.temporalUi = temporalUi(temporalUiUrl, codec.corsOrigins(), namespace);
  }

  /**
   * The configured Temporal UI, else the one origin allowed to decode payloads through the codec
   * endpoint (that is a Temporal UI); only an http(s) URL, so the page never links elsewhere.
   */
  static Optional<TemporalUi> temporalUi(
      String configured, List<String> codecOrigins, String namespace) {
    String url =
        configured != null && !configured.isBlank()
            ? configured.strip()
            : codecOrigins.size() == 1 ? codecOrigins.get(0) : null;
    if (url == null) {
      return Optional.empty();
    }
    URI uri = URI.create(url);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "channelshift.console.temporal-ui-url must be an http(s) URL: " + url);
    }
    return Optional.of(new TemporalUi(url.replaceAll("/+$", ""), namespace));
  }

  @GetMapping("/console")
  ResponseEntity<Void> console() {
    return ResponseEntity.status(HttpStatus.FOUND)
        .header(HttpHeaders.LOCATION, "/console/")
        .build();
  }

  @GetMapping("/console/")
  ResponseEntity<org.springframework.core.io.Resource> page() {
    return ResponseEntity.ok()
        .contentType(MediaType.TEXT_HTML)
        .body(new org.springframework.core.io.ClassPathResource("static/console/index.html"));
  }

  /**
   * {@code {"apiKey": "...", "person": "alice"}} (person optional), as JSON only: a page on another
   * site cannot send that without the browser asking this origin first (CORS), so it cannot sign a
   * visitor in as someone else. A key that is not ours → 401; more than {@link
   * SignInThrottle#FAILURES} failures a minute from one address → 429 with Retry-After.
   */
  @PostMapping(
      path = "/console/sign-in",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> signIn(
      @RequestBody(required = false) String body,
      HttpServletRequest request,
      HttpServletResponse response) {
    SignInThrottle.Result attempt = throttle.reserve(request.getRemoteAddr(), clock.millis());
    if (attempt instanceof SignInThrottle.Result.Wait wait) {
      long seconds = Math.max(1, (wait.duration().toMillis() + 999) / 1000);
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      throw new ApiProblem(
          HttpStatus.TOO_MANY_REQUESTS,
          "Too many sign-in failures",
          "too many failed sign-ins from this address; try again in " + seconds + " s");
    }
    // from here the attempt counts as failed (a bad body, an unknown key) unless it signs in
    JsonNode fields = fields(body);
    String key = fields.path("apiKey").isTextual() ? fields.path("apiKey").asText().strip() : "";
    String person =
        EngineerText.check(
            "person", fields.path("person").isTextual() ? fields.path("person").asText() : null);
    Optional<ApiKeys.Caller> caller = key.isEmpty() ? Optional.empty() : keys.authenticate(key);
    if (caller.isEmpty()) {
      throw new ApiProblem(
          HttpStatus.UNAUTHORIZED,
          "Not signed in",
          "that is not an API key of ours: not signed in");
    }
    throttle.succeeded(attempt.granted().orElseThrow());
    ConsoleSessions.signIn(request, response, caller.get(), person);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("keyName", caller.get().keyName());
    answer.put("roles", caller.get().roles().stream().map(r -> r.name().toLowerCase()).sorted());
    return ResponseEntity.ok(answer);
  }

  private JsonNode fields(String body) {
    JsonNode node;
    try {
      node = body == null || body.isBlank() ? null : json.readTree(body);
    } catch (IOException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "Invalid body", "the body must be a JSON object with apiKey");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("apiKey") && !field.equals("person")) {
        throw new ApiProblem(
            HttpStatus.BAD_REQUEST,
            "Invalid body",
            "unknown field "
                + field.substring(0, Math.min(64, field.length())).replaceAll("[^A-Za-z0-9_]", "?")
                + " (apiKey, person)");
      }
    }
    return node;
  }

  /** Ends the session (its CSRF token required, as for every change a session makes). */
  @PostMapping("/console/sign-out")
  ResponseEntity<Void> signOut(HttpServletRequest request) {
    ConsoleSessions.signOut(request);
    return ResponseEntity.noContent().build();
  }

  @GetMapping(path = "/console/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
  Me me(Authentication caller, HttpServletRequest request) {
    // the CSRF token lives in the session: a key's caller has none, and must not be given one
    CsrfToken token =
        ConsoleSessions.hasSession(request)
            ? (CsrfToken) request.getAttribute(CsrfToken.class.getName())
            : null;
    return new Me(
        caller.getName(),
        ConsoleSessions.person(request).orElse(null),
        caller.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(a -> a.startsWith("ROLE_"))
            .map(a -> a.substring("ROLE_".length()).toLowerCase())
            .sorted()
            .toList(),
        token == null ? null : new Csrf(token.getHeaderName(), token.getToken()),
        temporalUi.orElse(null));
  }
}
