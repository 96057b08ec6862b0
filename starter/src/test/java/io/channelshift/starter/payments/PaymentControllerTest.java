package io.channelshift.starter.payments;

import static io.channelshift.starter.web.ProblemJson.forbidden;
import static io.channelshift.starter.web.ProblemJson.problem;
import static io.channelshift.starter.web.ProblemJson.unauthorized;
import static io.channelshift.starter.web.TestKeys.ENGINEER;
import static io.channelshift.starter.web.TestKeys.OPS;
import static io.channelshift.starter.web.TestKeys.PLATFORM;
import static io.channelshift.starter.web.TestKeys.key;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.channelshift.payment.Checkout;
import io.channelshift.payment.PaymentRequest;
import io.channelshift.payment.PaymentStatus;
import io.channelshift.payment.RefundRequest;
import io.channelshift.payment.RefundStatus;
import io.channelshift.payment.RefundView;
import io.channelshift.payment.RouteDecision;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.ApiSliceTest;
import io.channelshift.starter.web.BodySizeLimitFilter;
import io.channelshift.store.PaymentStore;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The payment API at its HTTP boundary: who may call it, what it refuses and how, with the workflow
 * mocked.
 */
@ApiSliceTest(PaymentController.class)
class PaymentControllerTest {

  private static final String PAYMENT =
      """
      {"orderId":"o-1","userId":"u-1","amountMinor":3000,"currency":"CNY","productType":"game_card"}""";

  @Autowired MockMvc mvc;
  @MockitoBean PaymentGateway gateway;
  @MockitoBean PaymentRouting routing;
  @MockitoBean PaymentStore store;

  @Nested
  class Create {

    @Test
    void aPlatformKeyStartsThePayment_201WithItsPayUrl() throws Exception {
      when(routing.decide("u-1", "game_card")).thenReturn(new RouteDecision("legacy", 3, 42));
      when(gateway.start(any(PaymentRequest.class)))
          .thenReturn(
              new Checkout(
                  "o-1",
                  PaymentStatus.AWAITING_PAYMENT,
                  "legacy",
                  "https://pay.example/o-1",
                  1_700_000_000_000L,
                  null));

      mvc.perform(
              post("/api/payments")
                  .with(key(PLATFORM))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(PAYMENT))
          .andExpect(status().isCreated())
          .andExpect(jsonPath("$.orderId").value("o-1"))
          .andExpect(jsonPath("$.status").value("AWAITING_PAYMENT"))
          .andExpect(jsonPath("$.channel").value("legacy"))
          .andExpect(jsonPath("$.payUrl").value("https://pay.example/o-1"))
          .andExpect(jsonPath("$.expiresAt").value("2023-11-14T22:13:20Z"));
    }

    @Test
    void withoutAKey_401_andNothingIsRoutedOrStarted() throws Exception {
      mvc.perform(post("/api/payments").contentType(MediaType.APPLICATION_JSON).content(PAYMENT))
          .andExpect(unauthorized());

      verifyNoInteractions(gateway, routing, store);
    }

    @Test
    void withAKeyThatIsNotOurs_401() throws Exception {
      mvc.perform(
              post("/api/payments")
                  .with(key("csk_someone_else"))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(PAYMENT))
          .andExpect(unauthorized());

      verifyNoInteractions(gateway, routing, store);
    }

    @Test
    void anOpsOrEngineerKey_403_andNothingIsStarted() throws Exception {
      for (String other : new String[] {OPS, ENGINEER}) {
        mvc.perform(
                post("/api/payments")
                    .with(key(other))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(PAYMENT))
            .andExpect(forbidden());
      }

      verifyNoInteractions(gateway, routing, store);
    }

    @Test
    void badFields_400NamingEachOne_andNothingIsStarted() throws Exception {
      mvc.perform(
              post("/api/payments")
                  .with(key(PLATFORM))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(
                      "{\"orderId\":\"o 1\",\"userId\":\"u-1\",\"amountMinor\":-5,\"currency\":\"XXX\","
                          + "\"productType\":\"game_card\"}"))
          .andExpect(problem(400, "Invalid request"))
          .andExpect(
              jsonPath("$.errors[*].field")
                  .value(containsInAnyOrder("orderId", "amountMinor", "currency")));

      verifyNoInteractions(gateway, routing);
    }

    @Test
    void malformedJson_400() throws Exception {
      mvc.perform(
              post("/api/payments")
                  .with(key(PLATFORM))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"orderId\":"))
          .andExpect(problem(400, "Malformed body"));

      verifyNoInteractions(gateway, routing);
    }

    @Test
    void aSecondValueAfterTheBody_400_notTheFirstValueRead() throws Exception {
      mvc.perform(
              post("/api/payments")
                  .with(key(PLATFORM))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(PAYMENT + " {\"orderId\":\"o-2\"}"))
          .andExpect(problem(400, "Malformed body"));

      verifyNoInteractions(gateway, routing);
    }

    @Test
    void aKeyGivenTwice_400() throws Exception {
      mvc.perform(
              post("/api/payments")
                  .with(key(PLATFORM))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(PAYMENT.replace("{", "{\"amountMinor\":1,")))
          .andExpect(problem(400, "Malformed body"));

      verifyNoInteractions(gateway, routing);
    }

    @Test
    void aBodyOverTheLimit_413_beforeAnythingReadsIt() throws Exception {
      String big = "{\"subject\":\"" + "x".repeat(BodySizeLimitFilter.MAX_BYTES) + "\"}";

      mvc.perform(
              post("/api/payments")
                  .with(key(PLATFORM))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(big))
          .andExpect(problem(413, "Body too large"));

      verifyNoInteractions(gateway, routing);
    }

    @Test
    void aContentTypeThatIsNotJson_415() throws Exception {
      mvc.perform(
              post("/api/payments")
                  .with(key(PLATFORM))
                  .contentType(MediaType.TEXT_PLAIN)
                  .content(PAYMENT))
          .andExpect(status().isUnsupportedMediaType());
      mvc.perform(
              post("/api/payments")
                  .with(key(PLATFORM))
                  .header("Content-Type", "application/*")
                  .content(PAYMENT))
          .andExpect(problem(415, "Unsupported Media Type"));

      verifyNoInteractions(gateway, routing);
    }

    @Test
    void anOrderIdUsedByAnEndedPayment_409() throws Exception {
      when(routing.decide(anyString(), anyString())).thenReturn(new RouteDecision("legacy", 3, 42));
      when(gateway.start(any()))
          .thenThrow(new ApiProblem(HttpStatus.CONFLICT, "Order id used", "order o-1 ..."));

      mvc.perform(
              post("/api/payments")
                  .with(key(PLATFORM))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(PAYMENT))
          .andExpect(problem(409, "Order id used"));
    }

    @Test
    void aRiskRuleRefusal_422() throws Exception {
      when(routing.decide(anyString(), anyString())).thenReturn(new RouteDecision("legacy", 3, 42));
      when(gateway.start(any()))
          .thenReturn(
              new Checkout(
                  "o-1", PaymentStatus.REJECTED, "legacy", null, 0, "daily limit reached"));

      mvc.perform(
              post("/api/payments")
                  .with(key(PLATFORM))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(PAYMENT))
          .andExpect(problem(422, "Payment rejected"))
          .andExpect(jsonPath("$.detail").value("daily limit reached"));
    }
  }

  @Nested
  class Read {

    @Test
    void anUnknownPayment_404() throws Exception {
      when(gateway.view("nope")).thenReturn(Optional.empty());

      mvc.perform(get("/api/payments/nope").with(key(OPS)))
          .andExpect(problem(404, "Payment not found"));
    }

    @Test
    void aMalformedOrderId_400_andTheWorkflowIsNotAsked() throws Exception {
      mvc.perform(get("/api/payments/{id}", "a b").with(key(PLATFORM)))
          .andExpect(problem(400, "Invalid request"));

      verifyNoInteractions(gateway);
    }

    @Test
    void anEngineerKey_403() throws Exception {
      mvc.perform(get("/api/payments/o-1").with(key(ENGINEER))).andExpect(forbidden());

      verifyNoInteractions(gateway, store);
    }
  }

  @Nested
  class Refund {

    @Test
    void aPlatformKeyAsksForARefund_202() throws Exception {
      when(gateway.refund(any(), any()))
          .thenReturn(
              new RefundView(
                  "r-1", 500, "card 4111111111111111", RefundStatus.REQUESTED, false, null));

      mvc.perform(
              post("/api/payments/o-1/refunds")
                  .with(key(PLATFORM))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(
                      "{\"refundId\":\"r-1\",\"amountMinor\":500,\"reason\":\"card 4111111111111111\"}"))
          .andExpect(status().isAccepted())
          .andExpect(jsonPath("$.status").value("REQUESTED"))
          .andExpect(jsonPath("$.reason").value(not(containsString("4111111111111111"))));

      verify(gateway).refund("o-1", new RefundRequest("r-1", 500, "card 4111111111111111"));
    }

    @Test
    void anOpsKey_403_andNoRefundIsAskedFor() throws Exception {
      mvc.perform(
              post("/api/payments/o-1/refunds")
                  .with(key(OPS))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"refundId\":\"r-1\",\"amountMinor\":500}"))
          .andExpect(forbidden());

      verifyNoInteractions(gateway);
    }

    @Test
    void moreThanIsLeft_422_andAnotherInFlight_409() throws Exception {
      when(gateway.refund(any(), any()))
          .thenThrow(
              new ApiProblem(
                  HttpStatus.UNPROCESSABLE_ENTITY, "Request refused", "more than is left"))
          .thenThrow(
              new ApiProblem(
                  HttpStatus.CONFLICT, "Request conflicts with the payment's state", "in flight"));
      String refund = "{\"refundId\":\"r-1\",\"amountMinor\":500}";

      mvc.perform(
              post("/api/payments/o-1/refunds")
                  .with(key(PLATFORM))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(refund))
          .andExpect(problem(422, "Request refused"));
      mvc.perform(
              post("/api/payments/o-1/refunds")
                  .with(key(PLATFORM))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(refund))
          .andExpect(problem(409, "Request conflicts with the payment's state"));
    }
  }
}
