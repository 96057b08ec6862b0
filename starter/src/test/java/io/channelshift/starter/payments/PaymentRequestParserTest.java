package io.channelshift.starter.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.config.PaymentProperties;
import io.channelshift.payment.Money;
import io.channelshift.starter.web.ApiProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;

class PaymentRequestParserTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PaymentRequestParser parser =
      new PaymentRequestParser(PaymentProperties.defaults());

  @Test
  void aGoodRequestIsRead() throws Exception {
    var p =
        parser.payment(
            json(
                """
        {"orderId":"o-1","userId":"alice","amountMinor":1234,"currency":"CNY","productType":"topup",
         "subject":"10 yuan top-up","clientIp":"2001:db8::1"}"""));

    assertThat(p.amount().minor()).isEqualTo(1234);
    assertThat(p.amount()).isEqualTo(new Money(1234, "CNY"));
    assertThat(p.clientIp()).isEqualTo("2001:db8::1");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      "amountMinor":0                       | amountMinor
      "amountMinor":-5                      | amountMinor
      "amountMinor":12.5                    | amountMinor
      "amountMinor":"100"                   | amountMinor
      "amountMinor":99999999999999999999999 | amountMinor
      "amountMinor":100000001               | amountMinor
      "currency":"XXX"                      | currency
      "currency":"cny"                      | currency
      "productType":"gold_bars"             | productType
      "orderId":"../../etc/passwd"          | orderId
      "orderId":"a b"                       | orderId
      "orderId":""                          | orderId
      "userId":7                            | userId
      "subject":"line\\u0000break"          | subject
      "clientIp":"999.1.1.1"                | clientIp
      "clientIp":"evil.example.com"         | clientIp
      "clientIp":"192.0.2.66:443"           | clientIp
      "clientIp":":::::"                    | clientIp
      "clientIp":"fe80::1%eth0"             | clientIp
      "clientIp":"[2001:db8::1]"            | clientIp
      "clientIp":"192.0.2.066"              | clientIp
      "clientIp":"0300.0.2.66"              | clientIp
      "clientIp":"192.0.2"                  | clientIp
      "clientIp":"cafe"                     | clientIp
      "clientIp":"0.0.0.0"                  | clientIp
      "orderId":".."                        | orderId
      "orderId":"."                         | orderId
      "userId":".."                         | userId
      """)
  void aBadFieldIsNamed(String override, String field) throws Exception {
    String key = override.substring(1, override.indexOf('"', 1));
    var base =
        JSON.readTree(
            """
        {"orderId":"o-1","userId":"alice","amountMinor":1234,"currency":"CNY","productType":"topup",
         "subject":"s","clientIp":"203.0.113.9"}""");
    ((com.fasterxml.jackson.databind.node.ObjectNode) base)
        .set(key, JSON.readTree("{" + override + "}").get(key));

    assertThatThrownBy(() -> parser.payment(base))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(HttpStatus.BAD_REQUEST);
              assertThat(p.errors())
                  .extracting(ApiProblem.FieldProblem::field)
                  .containsExactly(field);
            });
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "192.0.2.66, 192.0.2.66",
    "::ffff:192.0.2.66, 192.0.2.66",
    "2001:DB8:0:0:0:0:0:1, 2001:db8::1"
  })
  void theClientIpGoesOnInItsCanonicalForm(String given, String canonical) throws Exception {
    var p =
        parser.payment(
            json(
                """
        {"orderId":"o-1","userId":"alice","amountMinor":1234,"currency":"CNY","productType":"topup",
         "clientIp":"%s"}"""
                    .formatted(given)));

    assertThat(p.clientIp()).isEqualTo(canonical);
  }

  @Test
  void aRefundIdThatIsADotSegmentIsRefused() throws Exception {
    assertThatThrownBy(() -> parser.refund(json("{\"refundId\":\"..\",\"amountMinor\":1}")))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p ->
                assertThat(p.errors())
                    .extracting(ApiProblem.FieldProblem::field)
                    .containsExactly("refundId"));
  }

  @Test
  void everyMissingFieldIsNamedAtOnce() throws Exception {
    assertThatThrownBy(() -> parser.payment(json("{}")))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p ->
                assertThat(p.errors())
                    .extracting(ApiProblem.FieldProblem::field)
                    .containsExactly(
                        "orderId", "userId", "amountMinor", "currency", "productType"));
  }

  @Test
  void aBodyThatIsNotAnObjectIsRefused() throws Exception {
    assertThatThrownBy(() -> parser.payment(json("[1,2]")))
        .isInstanceOf(ApiProblem.class)
        .hasMessageContaining("JSON object");
  }

  @Test
  void aRefundNeedsAnIdAndAPositiveAmount() throws Exception {
    assertThatThrownBy(() -> parser.refund(json("{\"amountMinor\":0}")))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p ->
                assertThat(p.errors())
                    .extracting(ApiProblem.FieldProblem::field)
                    .containsExactly("refundId", "amountMinor"));
  }

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }
}
