package io.channelshift.provider;

/** Why a provider call failed. Used as the Temporal failure type, so it shows in the UI. */
public enum ProviderErrorType {
  /** Connection refused, reset or timed out. */
  TRANSPORT,
  /** The provider answered 5xx. */
  PROVIDER_UNAVAILABLE,
  /** The provider refused the request for good (4xx other than not-found). */
  REFUSED,
  /** The provider rejected our credentials or signature: a configuration problem. */
  AUTHENTICATION,
  /** The channel is not configured here. */
  UNKNOWN_CHANNEL
}
