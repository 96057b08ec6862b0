package io.channelshift.starter.security;

import java.util.Locale;

/** What an API key may do. A key may have several. */
public enum Role {
  /** The payment platform: create payments and refunds, read them. */
  PLATFORM,
  /** Start and operate channel migrations. */
  ENGINEER,
  /**
   * Read everything; decode payloads for the Temporal UI; by hand, in an emergency, ask a payment
   * to settle on its provider's answer or to send its fulfilment webhook again (nothing on their
   * own word).
   */
  OPS;

  public String authority() {
    return "ROLE_" + name();
  }

  /** {@code platform} → PLATFORM; anything else is refused with the roles there are. */
  public static Role parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown role " + text + " (platform, engineer, ops)");
    }
  }
}
