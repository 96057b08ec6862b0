package io.channelshift.sandbox;

/** The small cashier page a pay URL opens: the order, a Pay button and a Cancel button. */
final class CashierPage {

  private CashierPage() {}

  static String render(String providerName, SandboxOrder order) {
    String amount = formatMinor(order.amountMinor()) + " " + escape(order.currency());
    String actions =
        SandboxOrder.NOTPAY.equals(order.status())
            ? """
          <form method="post" action="/cashier/%1$s/pay"><button type="submit">Pay</button></form>
          <form method="post" action="/cashier/%1$s/cancel"><button type="submit">Cancel</button></form>
          """
                .formatted(escape(order.outTradeNo()))
            : "<p>This order is " + escape(order.status()) + ".</p>";
    return """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>%s cashier</title></head>
        <body style="font-family:sans-serif;max-width:28em;margin:3em auto">
        <h1>%s sandbox cashier</h1>
        <p>Order <code>%s</code></p>
        <p>%s</p>
        <p style="font-size:1.6em">%s</p>
        %s
        </body></html>
        """
        .formatted(
            escape(providerName),
            escape(providerName),
            escape(order.outTradeNo()),
            escape(order.subject()),
            amount,
            actions);
  }

  /** Minor units to a decimal string without floating point: 12345 → 123.45. */
  static String formatMinor(long minor) {
    String sign = minor < 0 ? "-" : "";
    long abs = Math.abs(minor);
    return sign + (abs / 100) + "." + String.format("%02d", abs % 100);
  }

  private static String escape(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
