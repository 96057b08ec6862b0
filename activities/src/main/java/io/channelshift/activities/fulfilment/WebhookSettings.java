package io.channelshift.activities.fulfilment;

import java.time.Duration;

/**
 * Where and how the platform is told that a payment can be fulfilled.
 *
 * @param url the platform's webhook URL
 * @param secret HMAC key shared with the platform; never logged
 * @param timeout whole-request timeout of one delivery attempt
 */
public record WebhookSettings(String url, String secret, Duration timeout) {

  public WebhookSettings {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          "the fulfilment webhook URL is not configured (channelshift.webhook.url)");
    }
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException(
          "the fulfilment webhook secret must be at least 16 characters");
    }
  }

  @Override
  public String toString() {
    return "WebhookSettings[url=" + url + ", secret=***, timeout=" + timeout + "]";
  }
}
