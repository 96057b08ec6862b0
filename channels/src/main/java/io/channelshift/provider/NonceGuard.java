package io.channelshift.provider;

/** Remembers callback nonces so that a replayed callback is caught. */
@FunctionalInterface
public interface NonceGuard {

  /** Returns true the first time a nonce is seen on a channel, false on every later time. */
  boolean firstSeen(String channel, String nonce);
}
