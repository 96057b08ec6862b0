package io.channelshift.starter.security;

import io.channelshift.config.ChannelShiftProperties;
import io.channelshift.starter.api.ProblemResponses;
import java.util.List;
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
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may call what. Every {@code /api} call needs an API key: 401 without a valid one, 403 when the key lacks the
 * role, both decided before any controller runs, so neither says whether the thing asked for exists. Provider
 * callbacks need no key (they are verified by their channel's adapter), nor does the health probe; every other
 * actuator endpoint, and the codec endpoints that decrypt payloads, need {@code ops}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  ApiKeys apiKeys(ChannelShiftProperties props) {
    ApiKeys keys = new ApiKeys(props.getSecurity().getApiKeys());
    if (keys.isEmpty()) {
      log.warn("no API keys are configured (channelshift.security.api-keys.*): every /api call will be refused");
    }
    return keys;
  }

  /**
   * A URL the security firewall refuses ({@code ..}, {@code ;}, encoded slashes or dots, control characters) is
   * answered 400 problem+json like any other refusal.
   */
  @Bean
  RequestRejectedHandler problemForRejectedUrls() {
    return (request, response, e) -> ProblemResponses.write(response, 400, "Bad Request",
        "the URL is not allowed (path traversal, encoded separators or control characters)");
  }

  /**
   * No observation of every security filter, authentication and authorization: a dozen observations a request,
   * about a tenth of a request's cost in the benchmark, for traces nobody reads. Requests are still observed
   * once each (http.server.requests).
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
  SecurityFilterChain api(HttpSecurity http, ApiKeys keys, ChannelShiftProperties props)
      throws Exception {
    String platform = Role.PLATFORM.name();
    String engineer = Role.ENGINEER.name();
    String ops = Role.OPS.name();
    http
        .csrf(csrf -> csrf.disable()) // no cookies, no sessions: nothing a browser could be tricked into sending
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        .cors(c -> c.configurationSource(codecCors(props))) // the Temporal UI calls /codec/** from the browser
        .addFilterBefore(new ApiKeyFilter(keys), AnonymousAuthenticationFilter.class)
        .exceptionHandling(e -> e
            .authenticationEntryPoint((request, response, ex) -> ProblemResponses.write(response, 401, "Unauthorized",
                "an API key is required: Authorization: Bearer <key>"))
            .accessDeniedHandler((request, response, ex) -> ProblemResponses.write(response, 403, "Forbidden",
                "this API key does not have the role this call needs")))
        .authorizeHttpRequests(a -> a
            .requestMatchers("/notify/**", "/error").permitAll()
            .requestMatchers("/dev/webhooks", "/dev/webhooks/**").permitAll() // dev's stand-in for the platform
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .requestMatchers("/actuator/**").hasRole(ops)
            .requestMatchers(HttpMethod.POST, "/codec/encode", "/codec/decode").hasRole(ops)
            .requestMatchers(HttpMethod.GET, "/api/payments", "/api/payments/**").hasAnyRole(platform, ops)
            .requestMatchers(HttpMethod.POST, "/api/payments", "/api/payments/**").hasRole(platform)
            .requestMatchers(HttpMethod.GET, "/api/migrations", "/api/migrations/**").hasAnyRole(engineer, ops)
            .requestMatchers(HttpMethod.POST, "/api/migrations", "/api/migrations/**").hasRole(engineer)
            .requestMatchers(HttpMethod.GET, "/api/routes").hasAnyRole(engineer, ops, platform)
            .requestMatchers(HttpMethod.GET, "/api/reconciliations", "/api/channels/costs").hasAnyRole(engineer, ops)
            .requestMatchers(HttpMethod.POST, "/api/reconciliations", "/api/reconciliations/**").hasRole(engineer)
            .anyRequest().authenticated());
    return http.build();
  }

  /** Cross-origin calls are allowed on the codec endpoints only, from the configured Temporal UI origins. */
  private static CorsConfigurationSource codecCors(ChannelShiftProperties props) {
    CorsConfiguration codec = new CorsConfiguration();
    codec.setAllowedOrigins(props.getCodec().getCorsOrigins());
    codec.setAllowedMethods(List.of("POST", "OPTIONS"));
    codec.setAllowedHeaders(List.of("Content-Type", "Authorization", "X-Namespace"));
    codec.setAllowCredentials(true);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/codec/**", codec);
    return source;
  }
}
