package io.channelshift.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A callback that must not be believed: forged, stale, replayed or malformed. The message says
 * which; the {@link Kind} says whether the refusal says anything about the channel at all.
 */
public final class CallbackRejectedException extends RuntimeException {

  /**
   * Why a callback was refused, and so whether the channel itself sent something wrong. Anyone on
   * the internet can post to a notify URL: a missing or wrong signature, an unreadable body, or an
   * exact copy of a message we already took proves nothing about the channel, only that someone
   * sent it. Only a message whose signature verifies (so the channel made it) and which still fails
   * a check is evidence that the channel misbehaves, and only that evidence may move a migration or
   * health gate.
   */
  public enum Kind {
    /** No signature at all (headers or {@code sign} missing, an empty body). Anyone can send it. */
    UNSIGNED(false),
    /**
     * The signature does not verify (or the encrypted resource does not decrypt). Anyone can send
     * it.
     */
    BAD_SIGNATURE(false),
    /**
     * Unreadable before the signature could be checked, or sent to a path the channel does not use.
     */
    UNREADABLE(false),
    /**
     * The signature verifies but the message was taken before (nonce or notification id seen):
     * whoever saw the original can send the copy, so it proves nothing about the channel.
     */
    REPLAYED(false),
    /**
     * Signed by the channel, but its timestamp is outside the window: the channel's clock or
     * delivery is off.
     */
    STALE(true),
    /**
     * Signed by the channel, but for another merchant, app or seller: the channel is misconfigured.
     */
    FOREIGN(true),
    /**
     * Signed by the channel, but its content is unusable (an unreadable amount, time or body, a
     * wrong type).
     */
    MALFORMED(true),
    /**
     * Signed by the channel and fresh, but it contradicts the ledger (not our order, another
     * amount).
     */
    CONTRADICTS_LEDGER(true);

    private final boolean evidence;

    Kind(boolean evidence) {
      this.evidence = evidence;
    }

    /**
     * Whether the channel itself must have sent this: only then may it count against the channel in
     * a gate.
     */
    public boolean evidence() {
      return evidence;
    }
  }

  private final Kind kind;
  private final String signature;

  /**
   * A refusal of a kind that proves nothing about the channel ({@link Kind#UNREADABLE}): the safe
   * default for a check that does not say more.
   */
  public CallbackRejectedException(String message) {
    this(Kind.UNREADABLE, message, null);
  }

  /**
   * @param signature the verified signature of the refused message when the kind is evidence (it
   *     identifies the message, so a copy sent again counts once); null otherwise
   */
  public CallbackRejectedException(Kind kind, String message, String signature) {
    super(message);
    this.kind = kind == null ? Kind.UNREADABLE : kind;
    this.signature = this.kind.evidence() ? signature : null;
  }

  public static CallbackRejectedException unauthenticated(Kind kind, String message) {
    return new CallbackRejectedException(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The refused message's verified signature (evidence kinds only), or null. */
  public String signature() {
    return signature;
  }

  /**
   * The SHA-256 of {@link #signature()} in hex, what identifies the signed message in the store; or
   * null.
   */
  public String signatureSha256() {
    if (signature == null) {
      return null;
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(signature.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
