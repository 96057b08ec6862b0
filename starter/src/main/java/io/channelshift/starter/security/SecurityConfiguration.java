package io.channelshift.starter.security;

import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.channelshift.config.CodecProperties;
import io.channelshift.config.SecurityProperties;
import io.channelshift.starter.web.ProblemResponses;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may call what, deny by default: each rule names a method and a path, and a request no rule
 * names is refused (401 without a key, 403 with one). Every {@code /api} call needs an API key: 401
 * without a valid one, 403 when the key lacks the role, both decided before any controller runs
 * (and before any body is read), so neither says whether the thing asked for exists. A HEAD is
 * judged as its GET. Provider callbacks need no key (they are verified by their channel's adapter),
 * nor does the health probe; every other actuator endpoint, and the codec endpoints that decrypt
 * payloads, need {@code ops}. The console's pages ({@code /console}) sign in with a key once and
 * call the same {@code /api} with the server session that makes, under the same rules, CSRF token
 * required for what changes anything ({@link ConsoleSessions}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  /**
   * The methods the security firewall lets through (StrictHttpFirewall's default); the rules judge
   * them.
   */
  private static final Set<String> FIREWALL_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  @Bean
  ApiKeys apiKeys(SecurityProperties security) {
    ApiKeys keys = new ApiKeys(security.apiKeys());
    if (keys.isEmpty()) {
      log.warn(
          "no API keys are configured (channelshift.security.api-keys.*): every /api call will be refused");
    }
    return keys;
  }

  /**
   * A URL the security firewall refuses ({@code ..}, {@code ;}, encoded slashes or dots, control
   * characters) is answered 400 problem+json like any other refusal; a method it refuses (TRACE,
   * CONNECT, made-up ones), 405.
   */
  @Bean
  RequestRejectedHandler problemForRejectedUrls() {
    return (request, response, e) -> {
      if (!FIREWALL_METHODS.contains(request.getMethod())) {
        ProblemResponses.write(
            response, 405, "Method Not Allowed", "the API does not accept this method");
        return;
      }
      ProblemResponses.write(
          response,
          400,
          "Bad Request",
          "the URL is not allowed (path traversal, encoded separators or control characters)");
    };
  }

  /**
   * No observation of every security filter, authentication and authorization: a dozen observations
   * a request, about a tenth of a request's cost in the benchmark, for traces nobody reads.
   * Requests are still observed once each (http.server.requests).
   */
  @Bean
  SecurityObservationSettings noSecurityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  /** No users and no passwords: keys only. (Also keeps Spring Boot from generating a password.) */
  @Bean
  UserDetailsService noUsers() {
    return new InMemoryUserDetailsManager();
  }

  @Bean
  SecurityFilterChain api(HttpSecurity http, ApiKeys keys, CodecProperties codecSettings)
      throws Exception {
    String platform = Role.PLATFORM.name();
    String engineer = Role.ENGINEER.name();
    String ops = Role.OPS.name();
    // Two ways in: an API key on every request (the API's clients: stateless, no session, no
    // cookie, so no CSRF), or the console's server session, made by POST /console/sign-in with a
    // key (ConsoleSessions). A session is never created here (NEVER): only the sign-in makes one.
    // A state-changing request the session authenticates must carry the session's CSRF token.
    http.csrf(
            csrf ->
                csrf.csrfTokenRepository(new HttpSessionCsrfTokenRepository())
                    .requireCsrfProtectionMatcher(ConsoleSessions::needsCsrfToken))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .securityContext(c -> c.securityContextRepository(ConsoleSessions.REPOSITORY))
        .headers(
            h ->
                h.contentSecurityPolicy(c -> c.policyDirectives(ConsoleSessions.CONTENT_SECURITY))
                    .frameOptions(f -> f.deny())
                    .referrerPolicy(
                        r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        .cors(
            c ->
                c.configurationSource(
                    codecCors(codecSettings))) // the Temporal UI calls /codec/** from the browser
        .addFilterBefore(new ApiKeyFilter(keys), AnonymousAuthenticationFilter.class)
        .addFilterBefore(
            new ConsoleSessionGuard(java.time.Clock.systemUTC()), SecurityContextHolderFilter.class)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, ex) ->
                            ProblemResponses.write(
                                response,
                                401,
                                "Unauthorized",
                                "an API key is required: Authorization: Bearer <key>"))
                    .accessDeniedHandler(
                        (request, response, ex) ->
                            ProblemResponses.write(
                                response,
                                403,
                                "Forbidden",
                                ex instanceof CsrfException
                                    ? "the console's CSRF token is missing or wrong (reload the"
                                        + " console)"
                                    : "this API key does not have the role this call needs")))
        .authorizeHttpRequests(
            a ->
                a
                    // Only what the first dispatch was allowed to start: Tomcat's error page for
                    // it, an async answer.
                    .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                    .permitAll()
                    .requestMatchers(POST, "/notify/*", "/notify/*/refunds")
                    .permitAll()
                    .requestMatchers(reads("/dev/webhooks"))
                    .permitAll() // dev's stand-in for the platform
                    .requestMatchers(POST, "/dev/webhooks")
                    .permitAll()
                    .requestMatchers(reads("/actuator/health", "/actuator/health/**"))
                    .permitAll()
                    // The console: its pages and charting library for anyone (they hold no data;
                    // every call they make is judged below), who the signed-in caller is for a
                    // caller, signing in and out for anyone.
                    .requestMatchers(reads("/console/api/me"))
                    .authenticated()
                    .requestMatchers(
                        reads(
                            "/console",
                            "/console/",
                            "/console/*.html",
                            "/console/*.js",
                            "/console/*.css",
                            "/webjars/**"))
                    .permitAll()
                    .requestMatchers(POST, "/console/sign-in", "/console/sign-out")
                    .permitAll()
                    .requestMatchers(reads("/actuator/**"))
                    .hasRole(ops)
                    .requestMatchers(POST, "/codec/encode", "/codec/decode")
                    .hasRole(ops)
                    .requestMatchers(reads("/api/payments/**"))
                    .hasAnyRole(platform, ops)
                    .requestMatchers(
                        POST, "/api/payments", "/api/payments/*/refunds", "/api/payments/*/close")
                    .hasRole(platform)
                    // By hand, in an emergency: an operator's decision, recorded with their name;
                    // not the platform's (it has the payment's own queries and its status).
                    .requestMatchers(
                        POST,
                        "/api/payments/*/settle",
                        "/api/payments/*/fulfilment/resend",
                        "/api/payments/*/refunds/*/webhook/resend")
                    .hasRole(ops)
                    .requestMatchers(reads("/api/manual-requests"))
                    .hasRole(ops)
                    .requestMatchers(
                        reads("/api/migrations", "/api/migrations/*", "/api/migrations/*/series"))
                    .hasAnyRole(engineer, ops)
                    .requestMatchers(POST, "/api/migrations", "/api/migrations/*/*")
                    .hasRole(engineer)
                    .requestMatchers(reads("/api/scopes/*/health"))
                    .hasAnyRole(engineer, ops)
                    .requestMatchers(
                        POST,
                        "/api/scopes/*/failover",
                        "/api/scopes/*/failback",
                        "/api/scopes/*/hold",
                        "/api/scopes/*/release")
                    .hasRole(engineer)
                    .requestMatchers(reads("/api/routes"))
                    .hasAnyRole(engineer, ops, platform)
                    .requestMatchers(PUT, "/api/routes/*/backups")
                    .hasRole(engineer)
                    .requestMatchers(reads("/api/reconciliations", "/api/channels/costs"))
                    .hasAnyRole(engineer, ops)
                    .requestMatchers(reads("/api/channels", "/api/channels/*/lifecycle"))
                    .hasAnyRole(engineer, ops)
                    .requestMatchers(
                        POST,
                        "/api/channels/*/drain",
                        "/api/channels/*/retire",
                        "/api/channels/*/activate")
                    .hasRole(engineer)
                    .requestMatchers(
                        POST,
                        "/api/reconciliations",
                        "/api/reconciliations/discrepancies/*/resolve")
                    .hasRole(engineer)
                    // Deny by default: a method or path no rule above names is refused, 401 without
                    // a key, else 403.
                    .anyRequest()
                    .denyAll());
    return http.build();
  }

  /**
   * A read, GET or HEAD: Spring MVC answers a HEAD with its GET handler, so a HEAD must pass the
   * GET's rule (a matcher for GET alone would leave HEAD to whatever rule comes next).
   */
  private static RequestMatcher reads(String... patterns) {
    List<RequestMatcher> matchers = new ArrayList<>();
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
      for (String pattern : patterns) {
        matchers.add(PathPatternRequestMatcher.withDefaults().matcher(method, pattern));
      }
    }
    return new OrRequestMatcher(matchers);
  }

  /**
   * Cross-origin calls are allowed on the codec endpoints only, from the configured Temporal UI
   * origins.
   */
  private static CorsConfigurationSource codecCors(CodecProperties settings) {
    CorsConfiguration codec = new CorsConfiguration();
    codec.setAllowedOrigins(settings.corsOrigins());
    codec.setAllowedMethods(List.of("POST", "OPTIONS"));
    codec.setAllowedHeaders(List.of("Content-Type", "Authorization", "X-Namespace"));
    codec.setAllowCredentials(true);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/codec/**", codec);
    return source;
  }
}
