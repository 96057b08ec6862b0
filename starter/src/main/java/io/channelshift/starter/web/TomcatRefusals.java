package io.channelshift.starter.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets Spring judge URLs that Tomcat would refuse by itself (an encoded {@code /} in a path segment), so that the
 * refusal is a problem+json from the security firewall, and makes what Tomcat still refuses a problem+json too.
 */
@Component
class TomcatRefusals implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
    factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof StandardHost host) {
        host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
      }
    });
  }
}
