package io.channelshift.starter.web;

import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets Spring judge URLs that Tomcat would refuse by itself (an encoded {@code /} in a path
 * segment), so that the refusal is a problem+json from the security firewall, and makes what Tomcat
 * still refuses a problem+json too.
 *
 * <p>Tomcat never reads a body on its own here: the API takes JSON only, so form and multipart
 * bodies are not parsed into parameters (for no method: a {@code getParameter} would otherwise read
 * a POST's form body before the API key is checked, or past the size limit). What it discards of an
 * unread body after the answer, so that the client gets to read the answer (a connection closed on
 * unread data is reset, and the answer with it), is bounded by twice the API's body limit: a body
 * with more left than that is not read at all, the connection is closed.
 */
@Component
class TomcatRefusals implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  /**
   * What Tomcat may discard of a body after answering: twice the body limit, so that a client that
   * sent a little over the limit reliably reads its 413 (Tomcat's default is 2 MiB).
   */
  static final int DISCARDED_AFTER_A_REFUSAL = 2 * BodySizeLimitFilter.MAX_BYTES;

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addConnectorCustomizers(
        connector -> {
          connector.setEncodedSolidusHandling("passthrough");
          connector.setParseBodyMethods(""); // no method's body becomes request parameters
          connector.setMaxPostSize(0); // and were one parsed all the same, not a byte of it
          if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
            http.setMaxSwallowSize(DISCARDED_AFTER_A_REFUSAL);
          }
        });
    factory.addContextCustomizers(
        context -> {
          context.setAllowCasualMultipartParsing(false);
          if (context.getParent() instanceof StandardHost host) {
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
          }
        });
  }
}
