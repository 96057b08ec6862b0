package io.channelshift.activities.risk;

import io.channelshift.net.IpLiteral;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;

/**
 * Client addresses refused outright: exact IPv4/IPv6 addresses or CIDR blocks ({@code
 * 203.0.113.0/24}).
 */
final class IpBlocklist {

  private IpBlocklist() {}

  /**
   * Checks the configured entries once, at start-up: a typo would otherwise fail every payment's
   * risk check (a bad prefix length) or silently block nothing (a host name, which is never looked
   * up).
   */
  static void requireValid(List<String> entries) {
    for (String entry : entries) {
      String e = entry.strip();
      int slash = e.indexOf('/');
      byte[] network = literal(slash < 0 ? e : e.substring(0, slash));
      if (network == null) {
        throw new IllegalArgumentException(
            "blocked IP " + entry + " is not an IPv4 or IPv6 address or CIDR block");
      }
      if (slash >= 0) {
        String bits = e.substring(slash + 1);
        if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > network.length * 8) {
          throw new IllegalArgumentException(
              "blocked IP " + entry + " has an invalid prefix length");
        }
      }
    }
  }

  /**
   * Returns the entry that blocks the address, or null. Literal addresses only: nothing is ever
   * looked up.
   */
  static String blockedBy(String clientIp, List<String> entries) {
    if (clientIp == null || clientIp.isBlank() || entries.isEmpty()) {
      return null;
    }
    byte[] address = literal(clientIp);
    if (address == null) {
      // The API refuses such a clientIp before any payment starts; one that comes another way is no
      // address at all.
      return null;
    }
    for (String entry : entries) {
      if (matches(address, entry.strip())) {
        return entry.strip();
      }
    }
    return null;
  }

  /** {@code entry} passed {@link #requireValid}. */
  private static boolean matches(byte[] address, String entry) {
    int slash = entry.indexOf('/');
    byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash));
    if (network == null || network.length != address.length) {
      return false;
    }
    int bits = slash < 0 ? address.length * 8 : Integer.parseInt(entry.substring(slash + 1));
    BigInteger mask =
        BigInteger.ONE
            .shiftLeft(address.length * 8)
            .subtract(BigInteger.ONE)
            .shiftRight(bits)
            .not();
    return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
  }

  /**
   * The address bytes of an IP literal, parsed strictly ({@link IpLiteral}); null for anything else
   * (a host name is never resolved). An IPv4-mapped IPv6 address is its IPv4 address, so that it
   * meets the IPv4 entries.
   */
  private static byte[] literal(String text) {
    return IpLiteral.parse(text).map(InetAddress::getAddress).orElse(null);
  }
}
