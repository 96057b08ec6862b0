package io.channelshift.starter.console;

import jakarta.servlet.SessionTrackingMode;
import java.util.Set;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console session's cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's
 * page makes the browser send it), and a cookie only: a session id is never put in a URL. Behind
 * TLS, {@code server.servlet.session.cookie.secure=true} adds Secure.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleCookie {

  static final String NAME = "CHANNELSHIFT_CONSOLE";

  @Bean
  ServletContextInitializer consoleSessionCookie() {
    return servletContext -> {
      servletContext.setSessionTrackingModes(Set.of(SessionTrackingMode.COOKIE));
      servletContext.getSessionCookieConfig().setName(NAME);
      servletContext.getSessionCookieConfig().setHttpOnly(true);
    };
  }

  @Bean
  CookieSameSiteSupplier consoleCookieStrict() {
    return CookieSameSiteSupplier.ofStrict().whenHasName(NAME);
  }
}
