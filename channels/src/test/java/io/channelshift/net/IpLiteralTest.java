package io.channelshift.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

  @ParameterizedTest
  @CsvSource({
    "192.0.2.66, 192.0.2.66",
    "255.255.255.255, 255.255.255.255",
    "2001:DB8::1, 2001:db8::1",
    "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
    "::1, ::1",
    "::ffff:192.0.2.66, 192.0.2.66",
    "::FFFF:c000:0242, 192.0.2.66",
    "2001:db8::192.0.2.66, 2001:db8::c000:242"
  })
  void anAddressIsReadInItsCanonicalForm(String text, String canonical) {
    assertThat(IpLiteral.canonical(text)).hasValue(canonical);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.0.2.66:443",
        ":::::",
        "::::",
        ":",
        "1:2:3:4:5:6:7:8:9",
        "fe80::1%eth0",
        "fe80::1%25eth0",
        "[2001:db8::1]",
        "[::1]:443",
        "0192.0.2.66",
        "192.000.2.66",
        "192.0.2.066",
        "0300.0.2.66",
        "192.0.2",
        "192.0.2.256",
        "3221226050",
        "0xc0.0.2.66",
        "localhost",
        "example.com",
        "abc",
        "deadbeef",
        "cafe",
        "1.2.3.4.5",
        " 192.0.2.66",
        "192.0.2.66 ",
        "192.0.2.66\n",
        "0.0.0.0",
        "::",
        "0:0:0:0:0:0:0:0",
        "12345::1",
        "2001:db8:::1",
        "1::2::3",
        "::ffff:192.0.2",
        "",
        "١٩٢.0.2.66"
      })
  void anythingElseIsNotAnAddress(String text) {
    assertThat(IpLiteral.parse(text)).as(text).isEmpty();
  }
}
