package io.channelshift.starter.web;

import io.channelshift.config.CodecProperties;
import io.channelshift.config.PaymentProperties;
import io.channelshift.config.SecurityProperties;
import io.channelshift.starter.security.WithApiSecurity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.json.AutoConfigureJson;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A {@code @WebMvcTest} of the named controllers with what every request meets before them in the
 * running starter: the security filter chain (API keys, role rules), the body-size and content-type
 * filters, the problem+json handler and the strict JSON mapper (Jackson 2, as the starter's). The
 * controllers' collaborators are the test's {@code @MockitoBean}s; the settings accept {@link
 * TestKeys}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@WebMvcTest
@AutoConfigureJson
@WithApiSecurity
@Import({StrictJson.class, ApiSliceTest.Settings.class})
public @interface ApiSliceTest {

  /** The controllers under test. */
  @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
  Class<?>[] value() default {};

  /**
   * The settings (the three keys of {@link TestKeys}, encryption off, payments as by default) and
   * the meter registry the starter's configuration would otherwise provide.
   */
  @TestConfiguration(proxyBeanMethods = false)
  class Settings {

    @Bean
    SecurityProperties securityProperties() {
      return TestKeys.security();
    }

    /** Payload encryption off. */
    @Bean
    CodecProperties codecProperties() {
      return CodecProperties.off();
    }

    @Bean
    PaymentProperties paymentProperties() {
      return PaymentProperties.defaults();
    }

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }
}
