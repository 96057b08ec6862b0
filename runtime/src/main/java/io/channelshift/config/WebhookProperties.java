package io.channelshift.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform's fulfilment webhook ({@code channelshift.webhook.*}): fulfilments and migration
 * notifications are posted there, signed with the secret.
 *
 * @param url where they are posted; default unset.
 * @param secret the shared signing secret; default unset. Left out of {@link #toString()}.
 * @param timeout how long one delivery may take; default 10 s.
 */
@ConfigurationProperties("channelshift.webhook")
public record WebhookProperties(String url, String secret, Duration timeout) {

  public WebhookProperties {
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  @Override
  public String toString() {
    return "WebhookProperties[url="
        + url
        + ", secret="
        + Redacted.of(secret)
        + ", timeout="
        + timeout
        + "]";
  }
}
