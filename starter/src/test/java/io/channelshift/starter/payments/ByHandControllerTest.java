package io.channelshift.starter.payments;

import static io.channelshift.starter.web.ProblemJson.forbidden;
import static io.channelshift.starter.web.ProblemJson.problem;
import static io.channelshift.starter.web.ProblemJson.unauthorized;
import static io.channelshift.starter.web.TestKeys.ENGINEER;
import static io.channelshift.starter.web.TestKeys.OPS;
import static io.channelshift.starter.web.TestKeys.PLATFORM;
import static io.channelshift.starter.web.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.channelshift.payment.ByHandRequest;
import io.channelshift.payment.PaymentStatus;
import io.channelshift.payment.ProviderOrderState;
import io.channelshift.payment.ResendResult;
import io.channelshift.payment.SettleResult;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.ApiSliceTest;
import io.channelshift.store.ManualRequests;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** By hand, at the HTTP boundary: ops only, a reason always, refusals as problem+json. */
@ApiSliceTest(ByHandController.class)
class ByHandControllerTest {

  @Autowired MockMvc mvc;
  @MockitoBean ByHandGateway gateway;
  @MockitoBean ManualRequests requests;

  @Nested
  class Settle {

    @Test
    void anOpsKey_getsWhatTheProviderSaid_andWhoAskedIsTheKeyWithThePerson() throws Exception {
      when(gateway.settle(eq("o-1"), any()))
          .thenReturn(
              new SettleResult(
                  SettleResult.Outcome.SETTLED,
                  PaymentStatus.PAID,
                  ProviderOrderState.State.PAID,
                  "the provider says PAID (trade T-1): now PAID; fulfilment follows"));

      mvc.perform(
              post("/api/payments/o-1/settle")
                  .with(key(OPS))
                  .header("X-ChannelShift-User", "alice")
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"ticket 4711, card 4111111111111111\"}"))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.outcome").value("SETTLED"))
          .andExpect(jsonPath("$.status").value("PAID"))
          .andExpect(jsonPath("$.providerState").value("PAID"))
          .andExpect(jsonPath("$.requestedBy").value("alice (key ops-team)"));

      ArgumentCaptor<ByHandRequest> asked = ArgumentCaptor.forClass(ByHandRequest.class);
      verify(gateway).settle(eq("o-1"), asked.capture());
      assertThat(asked.getValue().requestedBy()).isEqualTo("alice (key ops-team)");
      assertThat(asked.getValue().reason())
          .startsWith("ticket 4711")
          .doesNotContain("411111111111");
    }

    @Test
    void aPlatformOrEngineerKey_403_andNothingIsAsked() throws Exception {
      for (String other : new String[] {PLATFORM, ENGINEER}) {
        mvc.perform(
                post("/api/payments/o-1/settle")
                    .with(key(other))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"x\"}"))
            .andExpect(forbidden());
      }
      mvc.perform(
              post("/api/payments/o-1/settle")
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"x\"}"))
          .andExpect(unauthorized());

      verifyNoInteractions(gateway, requests);
    }

    @Test
    void noReason_aBlankOne_anOversizedOne_orOneThatRewritesTheTerminal_400() throws Exception {
      for (String body :
          List.of(
              "{}",
              "{\"reason\":\"   \"}",
              "{\"reason\":42}",
              "{\"reason\":\"" + "x".repeat(257) + "\"}",
              "{\"reason\":\"paid\\u001b[2Jreally\"}",
              "{\"reason\":\"paid \\u202eevil\"}",
              "{\"reason\":\"x\",\"paid\":true}",
              "{\"reason\":\"x\",\"by\":7}",
              "[\"reason\"]")) {
        mvc.perform(
                post("/api/payments/o-1/settle")
                    .with(key(OPS))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body))
            .andExpect(problem(400, "Invalid request"));
      }
      mvc.perform(
              post("/api/payments/o-1/settle")
                  .with(key(OPS))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"a\",\"reason\":\"b\"}"))
          .andExpect(problem(400, "Malformed body"));

      verifyNoInteractions(gateway);
    }

    @Test
    void aMalformedOrderId_400() throws Exception {
      mvc.perform(
              post("/api/payments/{id}/settle", "a b")
                  .with(key(OPS))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"x\"}"))
          .andExpect(problem(400, "Invalid request"));

      verifyNoInteractions(gateway);
    }

    @Test
    void theGatewaysRefusals_passAsTheyAre() throws Exception {
      when(gateway.settle(eq("o-2"), any()))
          .thenThrow(
              new ApiProblem(
                  HttpStatus.CONFLICT,
                  "Request conflicts with the payment's state",
                  "payment o-2 is FULFILLED: nothing to settle"));
      when(gateway.settle(eq("nope"), any()))
          .thenThrow(new ApiProblem(HttpStatus.NOT_FOUND, "Payment not found", "no payment nope"));

      mvc.perform(
              post("/api/payments/o-2/settle")
                  .with(key(OPS))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"x\"}"))
          .andExpect(problem(409, "Request conflicts with the payment's state"))
          .andExpect(jsonPath("$.detail").value("payment o-2 is FULFILLED: nothing to settle"));
      mvc.perform(
              post("/api/payments/nope/settle")
                  .with(key(OPS))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"x\"}"))
          .andExpect(problem(404, "Payment not found"));
    }
  }

  @Nested
  class Resend {

    @Test
    void anOpsKey_resendsTheWebhook_andGetsTheOutcome() throws Exception {
      when(gateway.resendFulfilment(eq("o-3"), any()))
          .thenReturn(
              new ResendResult(
                  ResendResult.Outcome.DELIVERED,
                  PaymentStatus.FULFILLED,
                  "fulfil-o-3",
                  "the platform acknowledged the webhook: FULFILLED"));

      mvc.perform(
              post("/api/payments/o-3/fulfilment/resend")
                  .with(key(OPS))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"platform was down all night\",\"by\":\"bob\"}"))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.outcome").value("DELIVERED"))
          .andExpect(jsonPath("$.eventId").value("fulfil-o-3"))
          .andExpect(jsonPath("$.requestedBy").value("bob (key ops-team)"));
    }

    @Test
    void aPlatformKey_403() throws Exception {
      mvc.perform(
              post("/api/payments/o-3/fulfilment/resend")
                  .with(key(PLATFORM))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"x\"}"))
          .andExpect(forbidden());

      verifyNoInteractions(gateway);
    }
  }

  @Nested
  class ResendRefundWebhook {

    @Test
    void anOpsKey_resendsARefundsWebhook_anAutomaticRefundsToo() throws Exception {
      when(gateway.resendRefundWebhook(
              eq("o-4"), eq("auto~3c3983d4-b789-4c1e-9d35-5bc1ad6d42a1"), any()))
          .thenReturn(
              new ResendResult(
                  ResendResult.Outcome.DELIVERED,
                  PaymentStatus.REFUNDED,
                  "refund/o-4/auto~3c3983d4-b789-4c1e-9d35-5bc1ad6d42a1",
                  "the platform acknowledged refund.succeeded"));

      mvc.perform(
              post("/api/payments/o-4/refunds/auto~3c3983d4-b789-4c1e-9d35-5bc1ad6d42a1/webhook/resend")
                  .with(key(OPS))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"platform was down\"}"))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.outcome").value("DELIVERED"))
          .andExpect(jsonPath("$.refundId").value("auto~3c3983d4-b789-4c1e-9d35-5bc1ad6d42a1"));
    }

    @Test
    void aPlatformKey_403_andAMalformedRefundId_400() throws Exception {
      mvc.perform(
              post("/api/payments/o-4/refunds/r-1/webhook/resend")
                  .with(key(PLATFORM))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"x\"}"))
          .andExpect(forbidden());
      mvc.perform(
              post("/api/payments/o-4/refunds/{id}/webhook/resend", "r 1")
                  .with(key(OPS))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"x\"}"))
          .andExpect(problem(400, "Invalid request"));

      verifyNoInteractions(gateway);
    }
  }

  @Nested
  class List_ {

    @Test
    void opsListTheRequests_othersMayNot() throws Exception {
      when(requests.recent("o-1", 50)).thenReturn(List.of());

      mvc.perform(get("/api/manual-requests?orderId=o-1").with(key(OPS)))
          .andExpect(status().isOk());
      mvc.perform(get("/api/manual-requests").with(key(PLATFORM))).andExpect(forbidden());
      mvc.perform(get("/api/manual-requests?limit=0").with(key(OPS)))
          .andExpect(problem(400, "Invalid request"));

      verify(requests).recent("o-1", 50);
    }
  }
}
