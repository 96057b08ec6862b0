package io.channelshift.starter.reconciliation;

import static io.channelshift.starter.web.ProblemJson.forbidden;
import static io.channelshift.starter.web.ProblemJson.problem;
import static io.channelshift.starter.web.ProblemJson.unauthorized;
import static io.channelshift.starter.web.TestKeys.ENGINEER;
import static io.channelshift.starter.web.TestKeys.OPS;
import static io.channelshift.starter.web.TestKeys.PLATFORM;
import static io.channelshift.starter.web.TestKeys.key;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.reconciliation.ReconciliationRequest;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.ApiSliceTest;
import io.channelshift.store.ReconciliationReports;
import io.channelshift.store.ReconciliationStore;
import io.channelshift.store.ReconciliationStore.Resolution;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Reconciliation runs at the HTTP boundary: engineers start and settle, ops read, bad requests
 * start nothing.
 */
@ApiSliceTest(ReconciliationController.class)
class ReconciliationControllerTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

  @Autowired MockMvc mvc;
  @MockitoBean ReconciliationGateway gateway;
  @MockitoBean ReconciliationReports reports;
  @MockitoBean ReconciliationStore store;
  @MockitoBean ProviderRegistry providers;

  @BeforeEach
  void legacyIsAChannel() {
    when(providers.find("legacy")).thenReturn(Optional.of(mock(PaymentProvider.class)));
  }

  private static String run(String channel, String date) {
    return "{\"channel\":\"" + channel + "\",\"date\":\"" + date + "\"}";
  }

  @Nested
  class Start {

    @Test
    void anEngineerStartsAPastDay_202WithItsWorkflowId() throws Exception {
      when(gateway.today("legacy")).thenReturn(TODAY);
      when(gateway.start(new ReconciliationRequest("legacy", "2026-12-02")))
          .thenReturn(
              new ReconciliationGateway.Started(
                  "reconcile-legacy-2026-12-02", "legacy", "2026-12-02", "RUNNING"));

      mvc.perform(
              post("/api/reconciliations")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(run("legacy", "2026-12-02")))
          .andExpect(status().isAccepted())
          .andExpect(jsonPath("$.workflowId").value("reconcile-legacy-2026-12-02"));
    }

    @Test
    void withoutAKey_401_andWithAnOpsOrPlatformKey_403_nothingStarted() throws Exception {
      mvc.perform(
              post("/api/reconciliations")
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(run("legacy", "2026-12-02")))
          .andExpect(unauthorized());
      for (String other : new String[] {OPS, PLATFORM}) {
        mvc.perform(
                post("/api/reconciliations")
                    .with(key(other))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(run("legacy", "2026-12-02")))
            .andExpect(forbidden());
      }

      verifyNoInteractions(gateway);
    }

    @Test
    void noBody_400_aBadDate_400_anUnknownChannel_422() throws Exception {
      mvc.perform(
              post("/api/reconciliations")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON))
          .andExpect(problem(400, "Missing body"));
      mvc.perform(
              post("/api/reconciliations")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(run("legacy", "2026-13-01")))
          .andExpect(problem(400, "Invalid date"));
      mvc.perform(
              post("/api/reconciliations")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(run("nowhere", "2026-12-02")))
          .andExpect(problem(422, "Unknown channel"));

      verify(gateway, never()).start(any());
    }

    @Test
    void aDayThatHasNotBegun_422() throws Exception {
      when(gateway.today("legacy")).thenReturn(TODAY);

      mvc.perform(
              post("/api/reconciliations")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(run("legacy", "2026-12-04")))
          .andExpect(problem(422, "Day not started"));

      verify(gateway, never()).start(any());
    }

    @Test
    void aDayBeingReconciled_409() throws Exception {
      when(gateway.today("legacy")).thenReturn(TODAY);
      when(gateway.start(any()))
          .thenThrow(new ApiProblem(HttpStatus.CONFLICT, "Reconciliation running", "now"));

      mvc.perform(
              post("/api/reconciliations")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(run("legacy", "2026-12-02")))
          .andExpect(problem(409, "Reconciliation running"));
    }
  }

  @Nested
  class Resolve {

    private static final String RESOLUTION = "{\"resolution\":\"refunded by hand, T-123\"}";

    @Test
    void anIdThatIsNoNumber_404_andTheStoreIsNotAsked() throws Exception {
      mvc.perform(
              post("/api/reconciliations/discrepancies/abc/resolve")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(RESOLUTION))
          .andExpect(problem(404, "Discrepancy not found"));

      verifyNoInteractions(store);
    }

    @Test
    void anUnknownOne_404_andASettledOne_409() throws Exception {
      when(store.resolveByHand(anyLong(), anyString(), anyString()))
          .thenReturn(Resolution.NOT_FOUND, Resolution.ALREADY_SETTLED);

      mvc.perform(
              post("/api/reconciliations/discrepancies/7/resolve")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(RESOLUTION))
          .andExpect(problem(404, "Discrepancy not found"));
      mvc.perform(
              post("/api/reconciliations/discrepancies/7/resolve")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(RESOLUTION))
          .andExpect(problem(409, "Discrepancy settled"));
    }

    @Test
    void anEmptyResolution_400_andAnOpsKey_403() throws Exception {
      mvc.perform(
              post("/api/reconciliations/discrepancies/7/resolve")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"resolution\":\" \"}"))
          .andExpect(problem(400, "Invalid resolution"));
      mvc.perform(
              post("/api/reconciliations/discrepancies/7/resolve")
                  .with(key(OPS))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(RESOLUTION))
          .andExpect(forbidden());

      verifyNoInteractions(store);
    }
  }

  @Test
  void aDayNotReconciled_404() throws Exception {
    mvc.perform(
            get("/api/reconciliations")
                .param("channel", "legacy")
                .param("date", "2026-12-01")
                .with(key(OPS)))
        .andExpect(problem(404, "Reconciliation not found"));
  }
}
