package io.channelshift.starter.web;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.FormContentFilter;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.MultipartResolver;

/**
 * The API reads JSON bodies, and only once the caller's key and the body's size have been checked:
 * nothing in front of the controllers parses a form or a multipart body. Spring Boot would
 * otherwise parse the form body of a PUT, PATCH or DELETE in a filter that runs before the API key
 * is checked, and parse multipart bodies of any size (Tomcat reading them on its own, past the body
 * limit) before the controller is chosen.
 */
@Configuration(proxyBeanMethods = false)
class JsonBodiesOnly {

  /**
   * Spring Boot's form-body filter, registered disabled: it would read a form body before the key
   * is checked.
   */
  @Bean
  FilterRegistrationBean<FormContentFilter> formContentFilterDisabled(
      ObjectProvider<FormContentFilter> filter) {
    FilterRegistrationBean<FormContentFilter> registration =
        new FilterRegistrationBean<>(filter.getIfAvailable(FormContentFilter::new));
    registration.setEnabled(false);
    return registration;
  }

  /**
   * No request is multipart to the dispatcher, so it never asks Tomcat to parse one (it would read
   * it whole).
   */
  @Bean(name = "multipartResolver")
  MultipartResolver noMultipart() {
    return new MultipartResolver() {
      @Override
      public boolean isMultipart(HttpServletRequest request) {
        return false;
      }

      @Override
      public MultipartHttpServletRequest resolveMultipart(HttpServletRequest request) {
        throw new MultipartException("multipart bodies are not accepted");
      }

      @Override
      public void cleanupMultipart(MultipartHttpServletRequest request) {
        // nothing was ever resolved
      }
    };
  }

  /**
   * Were a part asked for all the same, nothing past the body limit, and nothing written to disk.
   */
  @Bean
  MultipartConfigElement multipartWithinTheBodyLimit() {
    return new MultipartConfigElement(
        null,
        BodySizeLimitFilter.MAX_BYTES,
        BodySizeLimitFilter.MAX_BYTES,
        BodySizeLimitFilter.MAX_BYTES);
  }
}
