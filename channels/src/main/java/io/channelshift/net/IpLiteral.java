package io.channelshift.net;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address written literally, parsed strictly and never looked up: dotted-quad IPv4 without
 * leading zeros, or IPv6 in its text forms (RFC 4291 2.2, an embedded IPv4 last), nothing else. A
 * port ({@code 192.0.2.66:443}), brackets, a zone id ({@code fe80::1%eth0}), a host name, a short
 * or octal form ({@code 192.0.2}, {@code 0300.0.2.66}) or the unspecified address is not one. The
 * canonical text (RFC 5952: lower case, the longest run of zeros compressed; an IPv4-mapped IPv6
 * address as its IPv4 address) is what is stored and checked, so that two spellings of one address
 * are one address to the blocklist.
 */
public final class IpLiteral {

  private static final Pattern CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private IpLiteral() {}

  /** The address, or empty when the text is not exactly an IP address. */
  public static Optional<InetAddress> parse(String text) {
    if (text == null || !CHARACTERS.matcher(text).matches()) {
      return Optional
          .empty(); // before Guava: it would take a zone id, and brackets are not an address
    }
    if (!InetAddresses.isInetAddress(text)) {
      return Optional.empty();
    }
    InetAddress address = InetAddresses.forString(text); // literal only: never a DNS lookup
    return address.isAnyLocalAddress() ? Optional.empty() : Optional.of(address);
  }

  /** The canonical text of the address, or empty when the text is not exactly an IP address. */
  public static Optional<String> canonical(String text) {
    return parse(text).map(InetAddresses::toAddrString);
  }
}
