package io.channelshift.payment;

import java.nio.charset.StandardCharsets;

/**
 * Webhook event ids, unique by construction: a kind ({@code refund}, {@code migration}) and the ids
 * that name the event, joined by {@code /}. Each part is escaped so it holds no {@code /}: every
 * character outside {@code A-Z a-z 0-9 _ . : ~ -} (so {@code /} and {@code %} too) is written
 * {@code %XX}, per byte of its UTF-8, the way a URL escapes it. Different kinds or parts therefore
 * never make the same id, whatever the ids hold (before, {@code refund-{orderId}-{refundId}} made
 * order {@code a} refund {@code b-c} and order {@code a-b} refund {@code c} the same event). The
 * ids the API accepts contain none of the escaped characters, so they read as they are: e.g. {@code
 * refund/o-1/r-1}. Every id is visible ASCII, safe in the {@code X-ChannelShift-Event-Id} header.
 *
 * <p>The fulfilment's id stays {@code fulfil-{orderId}}: one per order, and no other kind's id
 * begins with {@code fulfil-} (the others begin with their kind and {@code /}), so it is unique as
 * it is, and running payments keep their histories. An order id is not escaped in it; the ids the
 * API accepts need none.
 */
public final class EventIds {

  private static final char SEPARATOR = '/';

  private EventIds() {}

  /** The fulfilment webhook of a payment: {@code fulfil-{orderId}}. */
  public static String fulfilment(String orderId) {
    return "fulfil-" + orderId;
  }

  /** A refund's webhook: {@code refund/{orderId}/{refundId}}. */
  public static String refund(String orderId, String refundId) {
    return of("refund", orderId, refundId);
  }

  /** A kind and its parts, each part escaped. */
  public static String of(String kind, String... parts) {
    StringBuilder id = new StringBuilder(escape(kind));
    for (String part : parts) {
      id.append(SEPARATOR).append(escape(part));
    }
    return id.toString();
  }

  static String escape(String part) {
    StringBuilder out = new StringBuilder(part.length());
    for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '.'
          || c == ':'
          || c == '~'
          || c == '-') {
        out.append(c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
