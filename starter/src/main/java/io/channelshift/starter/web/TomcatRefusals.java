package io.channelshift.starter.web;

import io.channelshift.starter.api.BodySizeLimitFilter;
import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets Spring judge URLs that Tomcat would refuse by itself (an encoded {@code /} in a path segment), so that the
 * refusal is a problem+json from the security firewall, and makes what Tomcat still refuses a problem+json too.
 *
 * <p>Tomcat never reads a body on its own here: the API takes JSON only, so form and multipart bodies are not
 * parsed into parameters (for no method: a {@code getParameter} would otherwise read a POST's form body before the
 * API key is checked, or past the size limit), what it drains of an unread body after the answer is bounded by the
 * API's body limit, and what is left of a refused one is not read at all ({@link UnreadBodyValve}).
 */
@Component
class TomcatRefusals implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addConnectorCustomizers(connector -> {
      connector.setEncodedSolidusHandling("passthrough");
      connector.setParseBodyMethods(""); // no method's body becomes request parameters
      connector.setMaxPostSize(0); // and were one parsed all the same, not a byte of it
      if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
        http.setMaxSwallowSize(BodySizeLimitFilter.MAX_BYTES);
      }
    });
    factory.addContextValves(new UnreadBodyValve());
    factory.addContextCustomizers(context -> {
      context.setAllowCasualMultipartParsing(false);
      context.setSwallowAbortedUploads(false);
      if (context.getParent() instanceof StandardHost host) {
        host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
      }
    });
  }
}
