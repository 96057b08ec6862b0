package io.channelshift.app.embedded;

/** A visibility query the embedded server cannot answer exactly; its message says why. */
final class InvalidQueryException extends RuntimeException {

  InvalidQueryException(String reason) {
    super(reason);
  }
}
