package io.channelshift.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

  @Test
  void cardNumbersKeepTheirLastFourDigits() {
    assertThat(Masking.mask("card 4111111111111111 declined"))
        .isEqualTo("card ************1111 declined");
    assertThat(Masking.mask("4111 1111 1111 1111")).isEqualTo("************1111");
    assertThat(Masking.mask("6222-0212-3456-7890-128"))
        .isEqualTo("***************0128"); // 19-digit UnionPay
  }

  @Test
  void aCardNumberNextToAnotherNumberIsStillMasked() {
    assertThat(Masking.mask("card 4111111111111111 5")).isEqualTo("card ************1111 5");
    assertThat(Masking.mask("4111111111111111 55")).isEqualTo("************1111 55");
    assertThat(Masking.mask("5 4111111111111111")).isEqualTo("5 ************1111");
    assertThat(Masking.mask("qty 3 4111 1111 1111 1111 2")).isEqualTo("qty 3 ************1111 2");
    assertThat(Masking.mask("4111111111111111-7-4111111111111111"))
        .isEqualTo("************1111-7-************1111");
    assertThat(Masking.mask("4111111111111111 12345")).isEqualTo("************1111 12345");
  }

  @Test
  void mobileNumbersKeepTheirFirstThreeAndLastFourDigits() {
    assertThat(Masking.mask("top-up for 13800138000")).isEqualTo("top-up for 138****8000");
    assertThat(Masking.mask("+8619912345678 called")).isEqualTo("+86199****5678 called");
    assertThat(Masking.mask("u-13912345678")).isEqualTo("u-139****5678");
  }

  @Test
  void residentIdentityNumbersKeepTheirFirstThreeAndLastFourNeverTheBirthDate() {
    assertThat(Masking.mask("real name check 440306199003071232 ok"))
        .isEqualTo("real name check 440***********1232 ok");
    assertThat(Masking.mask("id 11010519491231002X"))
        .as("check character X")
        .isEqualTo("id 110***********002X");
    assertThat(Masking.mask("id 11010519491231002x")).isEqualTo("id 110***********002x");
    assertThat(Masking.mask("身份证310115200511200012")).isEqualTo("身份证310***********0012");
  }

  @Test
  void eighteenDigitsThatAreNoIdentityNumberAreLeftAlone() {
    assertThat(Masking.mask("440306199003071233"))
        .as("wrong check digit")
        .isEqualTo("440306199003071233");
    assertThat(Masking.mask("412823197802301234"))
        .as("30 February, right check digit")
        .isEqualTo("412823197802301234");
    assertThat(Masking.mask("1440306199003071232"))
        .as("19 digits")
        .isEqualTo("1440306199003071232");
  }

  @Test
  void numbersThatAreNeitherAreLeftAlone() {
    assertThat(Masking.mask("4111111111111112"))
        .as("fails Luhn: an id, not a card")
        .isEqualTo("4111111111111112");
    assertThat(Masking.mask("order 12345, amount 100000000"))
        .isEqualTo("order 12345, amount 100000000");
    assertThat(Masking.mask("12800138000")).as("no mobile begins 12").isEqualTo("12800138000");
    assertThat(Masking.mask("138001380001"))
        .as("12 digits: not a mobile")
        .isEqualTo("138001380001");
    assertThat(Masking.mask(null)).isNull();
  }
}
