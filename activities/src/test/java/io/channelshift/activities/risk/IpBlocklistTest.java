package io.channelshift.activities.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpBlocklistTest {

  private static final List<String> ENTRIES =
      List.of("192.0.2.66", "198.51.100.0/24", "2001:db8:bad::/48");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.0.2.66",
        "::ffff:192.0.2.66",
        "::FFFF:C000:0242",
        "198.51.100.7",
        "::ffff:198.51.100.200",
        "2001:DB8:BAD::1",
        "2001:0db8:0bad:0000:0000:0000:0000:0001",
        "2001:db8:bad:ffff::"
      })
  void everySpellingOfABlockedAddressIsBlocked(String clientIp) {
    assertThat(IpBlocklist.blockedBy(clientIp, ENTRIES)).as(clientIp).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.0.2.67", "198.51.101.1", "2001:db8:bae::1", "::1"})
  void otherAddressesAreNot(String clientIp) {
    assertThat(IpBlocklist.blockedBy(clientIp, ENTRIES)).as(clientIp).isNull();
  }

  @Test
  void anEntryIsALiteralAddressOrBlockNeverAName() {
    assertThatThrownBy(() -> IpBlocklist.requireValid(List.of("cafe")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpBlocklist.requireValid(List.of("192.0.2.66:443")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpBlocklist.requireValid(List.of("192.0.2.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
