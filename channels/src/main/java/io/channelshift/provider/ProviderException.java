package io.channelshift.provider;

/** A provider call that did not get an answer to act on. */
public final class ProviderException extends RuntimeException {

  private final ProviderErrorType type;

  public ProviderException(ProviderErrorType type, String message, Throwable cause) {
    super(message, cause);
    this.type = type;
  }

  public ProviderErrorType type() {
    return type;
  }

  /** Transport errors and provider 5xx may go away; a refusal or a bad request will not. */
  public boolean retryable() {
    return type == ProviderErrorType.TRANSPORT || type == ProviderErrorType.PROVIDER_UNAVAILABLE;
  }
}
