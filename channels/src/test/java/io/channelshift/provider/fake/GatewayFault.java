package io.channelshift.provider.fake;

/** What a fake gateway does to the next request it is told to spoil. */
public enum GatewayFault {
  /** Answers HTTP 500 without doing anything. */
  HTTP_500,
  /** Does the work, then never answers in time: the caller cannot know whether it happened. */
  TIMEOUT_AFTER_PROCESSING,
  /** Answers, in the gateway's own protocol, that its system failed, without doing anything. */
  SYSTEM_ERROR,
  /** Answers with a response signature that does not verify. */
  BAD_RESPONSE_SIGNATURE
}
