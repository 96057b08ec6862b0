package io.channelshift.config;

/** How a settings record's {@code toString} shows a secret: whether it is set, never what it is. */
final class Redacted {

  private Redacted() {}

  static String of(String secret) {
    return secret == null ? "none" : "***";
  }
}
