package io.channelshift.provider;

/** A callback that must not be believed: forged, stale, replayed or malformed. The message says which. */
public final class CallbackRejectedException extends RuntimeException {

  public CallbackRejectedException(String message) {
    super(message);
  }
}
