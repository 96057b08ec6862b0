package io.channelshift.fulfilment;

/**
 * The fulfilment webhook's headers. Webhooks are signed like the sandbox protocol's callbacks
 * ({@link io.channelshift.http.HmacSignature}) with the webhook secret; {@link #EVENT_ID} lets the platform drop
 * repeats.
 */
public final class WebhookHeaders {

  public static final String TIMESTAMP = "X-ChannelShift-Timestamp";
  public static final String NONCE = "X-ChannelShift-Nonce";
  public static final String SIGNATURE = "X-ChannelShift-Signature";
  public static final String EVENT_ID = "X-ChannelShift-Event-Id";

  private WebhookHeaders() {}
}
