package io.channelshift.provider;

/** What a provider must be answered once its callback is recorded: HTTP 200 with this body. */
public record CallbackAcknowledgement(String contentType, String body) {

  public static CallbackAcknowledgement plainText(String body) {
    return new CallbackAcknowledgement("text/plain", body);
  }
}
