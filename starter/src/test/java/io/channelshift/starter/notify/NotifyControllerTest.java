package io.channelshift.starter.notify;

import static io.channelshift.starter.web.ProblemJson.problem;
import static io.channelshift.starter.web.ProblemJson.unauthorized;
import static io.channelshift.starter.web.TestKeys.OPS;
import static io.channelshift.starter.web.TestKeys.key;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.channelshift.payment.ProviderCallback;
import io.channelshift.provider.CallbackAcknowledgement;
import io.channelshift.provider.CallbackRejectedException;
import io.channelshift.provider.CallbackRejectedException.Kind;
import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.starter.payments.PaymentGateway;
import io.channelshift.starter.web.ApiSliceTest;
import io.channelshift.starter.web.BodySizeLimitFilter;
import io.channelshift.store.CallbackStore;
import io.channelshift.store.PaymentStore;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Provider callbacks at the HTTP boundary: no API key (the channel's adapter verifies them), and a
 * callback that is refused, for whatever reason, never reaches a payment.
 */
@ApiSliceTest(NotifyController.class)
class NotifyControllerTest {

  private static final String BODY = "{\"notify\":\"n-1\"}";

  @Autowired MockMvc mvc;
  @MockitoBean ProviderRegistry providers;
  @MockitoBean CallbackStore inbox;
  @MockitoBean PaymentGateway payments;
  @MockitoBean PaymentStore ledger;
  @MockitoBean io.channelshift.store.FailoverStore failovers;

  private final PaymentProvider legacy = mock(PaymentProvider.class);

  @BeforeEach
  void legacyIsAChannel() {
    when(providers.find("legacy")).thenReturn(Optional.of(legacy));
    when(legacy.callbackAcknowledgement()).thenReturn(CallbackAcknowledgement.plainText("success"));
  }

  @Test
  void aVerifiedCallbackIsRecordedHandedToItsPaymentAndAcknowledged_withoutAnApiKey()
      throws Exception {
    ProviderCallback callback =
        new ProviderCallback(
            "n-1",
            "m-1",
            "o-1",
            "t-1",
            ProviderCallback.SUCCESS,
            3000,
            "CNY",
            "2026-12-03T10:00:00Z");
    when(legacy.verifyCallback(anyMap(), eq(BODY))).thenReturn(callback);
    when(inbox.record(eq("legacy"), eq("n-1"), eq("o-1"), anyString(), anyString(), any()))
        .thenReturn(true);
    when(payments.deliver(callback)).thenReturn(true);

    mvc.perform(post("/notify/legacy").contentType(MediaType.APPLICATION_JSON).content(BODY))
        .andExpect(status().isOk())
        .andExpect(content().string("success"));

    verify(payments).deliver(callback);
  }

  @Test
  void aForgedCallback_401_reachesNoPayment() throws Exception {
    when(legacy.verifyCallback(anyMap(), anyString()))
        .thenThrow(
            CallbackRejectedException.unauthenticated(
                Kind.BAD_SIGNATURE, "the signature does not verify"));

    mvc.perform(post("/notify/legacy").contentType(MediaType.APPLICATION_JSON).content(BODY))
        .andExpect(problem(401, "Callback rejected"));

    verifyNoInteractions(payments);
    verify(inbox, never())
        .record(anyString(), anyString(), anyString(), anyString(), anyString(), any());
    verify(inbox)
        .recordRejection(eq("legacy"), eq("BAD_SIGNATURE"), anyBoolean(), anyString(), isNull());
  }

  @Test
  void anUnknownChannel_404_reachesNoPayment() throws Exception {
    mvc.perform(post("/notify/nowhere").contentType(MediaType.APPLICATION_JSON).content(BODY))
        .andExpect(problem(404, "Unknown channel"));

    verifyNoInteractions(payments, inbox);
  }

  @Test
  void aBodyOverTheLimit_413_isNotEvenVerified() throws Exception {
    mvc.perform(
            post("/notify/legacy")
                .contentType(MediaType.APPLICATION_JSON)
                .content("x".repeat(BodySizeLimitFilter.MAX_BYTES + 1)))
        .andExpect(problem(413, "Body too large"));

    verifyNoInteractions(legacy, payments, inbox);
  }

  @Test
  void aReadOfTheCallbackPath_isNoCallback_401WithoutAKey_403WithOne() throws Exception {
    mvc.perform(get("/notify/legacy")).andExpect(unauthorized());
    mvc.perform(get("/notify/legacy").with(key(OPS))).andExpect(problem(403, "Forbidden"));

    verifyNoInteractions(legacy, payments, inbox);
  }
}
