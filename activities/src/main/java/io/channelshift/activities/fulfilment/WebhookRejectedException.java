package io.channelshift.activities.fulfilment;

/** The platform did not acknowledge a fulfilment webhook; the activity retries it. */
public final class WebhookRejectedException extends RuntimeException {

  public WebhookRejectedException(String message) {
    super(message);
  }
}
