package io.channelshift.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * A refund's progress at the provider; {@link #UNKNOWN} stands for a state newer than this client.
 */
public enum RefundStatus {
  REQUESTED,
  PROCESSING,
  SUCCEEDED,
  FAILED,
  @JsonEnumDefaultValue
  UNKNOWN;

  public boolean finished() {
    return this == SUCCEEDED || this == FAILED;
  }
}
