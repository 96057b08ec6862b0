package io.channelshift.client;

/** A webhook that is not ChannelShift's, or not now: answer it 401 and do nothing with it. */
public class InvalidWebhookException extends RuntimeException {

  InvalidWebhookException(String reason) {
    super(reason);
  }
}
