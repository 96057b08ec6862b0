package io.channelshift.starter.channels;

import static io.channelshift.starter.web.ProblemJson.forbidden;
import static io.channelshift.starter.web.ProblemJson.problem;
import static io.channelshift.starter.web.ProblemJson.unauthorized;
import static io.channelshift.starter.web.TestKeys.ENGINEER;
import static io.channelshift.starter.web.TestKeys.OPS;
import static io.channelshift.starter.web.TestKeys.PLATFORM;
import static io.channelshift.starter.web.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.channelshift.channel.ChannelChange;
import io.channelshift.channel.ChannelState;
import io.channelshift.channel.ChannelStatus;
import io.channelshift.channel.LifecycleAction;
import io.channelshift.channel.OpenPayments;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.starter.channels.ChannelsOverview.ChannelOverview;
import io.channelshift.starter.channels.ChannelsOverview.ScopeShare;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.ApiSliceTest;
import io.channelshift.store.ChannelLifecycleStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Channels' lifecycle at the HTTP boundary. */
@ApiSliceTest(ChannelLifecycleController.class)
class ChannelLifecycleControllerTest {

  @Autowired MockMvc mvc;
  @MockitoBean ProviderRegistry providers;
  @MockitoBean ChannelLifecycleGateway gateway;
  @MockitoBean ChannelLifecycleStore store;
  @MockitoBean ChannelsOverview overview;

  @BeforeEach
  void channels() {
    when(providers.channels()).thenReturn(Set.of("legacy", "nova"));
  }

  private static MockHttpServletRequestBuilder drain(String channel, String body) {
    return post("/api/channels/" + channel + "/drain")
        .contentType(MediaType.APPLICATION_JSON)
        .content(body);
  }

  @Nested
  class Changes {

    @Test
    void anEngineerDrainsAChannel_withReasonAndWhoAsks() throws Exception {
      when(gateway.change(any()))
          .thenReturn(
              new ChannelStatus("legacy", ChannelState.DRAINING, "frozen", "alice (key eng)", 9));

      mvc.perform(
              drain("legacy", "{\"reason\":\"frozen by risk control\"}")
                  .header("X-ChannelShift-User", "alice")
                  .with(key(ENGINEER)))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.state").value("DRAINING"))
          .andExpect(jsonPath("$.channel").value("legacy"));

      ArgumentCaptor<ChannelChange> change = ArgumentCaptor.forClass(ChannelChange.class);
      verify(gateway).change(change.capture());
      assertThat(change.getValue())
          .isEqualTo(
              new ChannelChange(
                  "legacy", LifecycleAction.DRAIN, "frozen by risk control", "alice (key eng)"));
    }

    @Test
    void retireAndActivateReachTheGatewayAsSuch() throws Exception {
      when(gateway.change(any()))
          .thenReturn(new ChannelStatus("nova", ChannelState.ACTIVE, "back", "key eng", 9));
      for (String action : List.of("retire", "activate")) {
        mvc.perform(
                post("/api/channels/nova/" + action)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"r\"}")
                    .with(key(ENGINEER)))
            .andExpect(status().isOk());
      }
      ArgumentCaptor<ChannelChange> change = ArgumentCaptor.forClass(ChannelChange.class);
      verify(gateway, org.mockito.Mockito.times(2)).change(change.capture());
      assertThat(change.getAllValues())
          .extracting(ChannelChange::action)
          .containsExactly(LifecycleAction.RETIRE, LifecycleAction.ACTIVATE);
    }

    @Test
    void aRefusedChange_409WithWhy() throws Exception {
      when(gateway.change(any()))
          .thenThrow(
              new ApiProblem(
                  HttpStatus.CONFLICT, "Change refused", "legacy still holds 2 payment(s)"));

      mvc.perform(
              post("/api/channels/legacy/retire")
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"done\"}")
                  .with(key(ENGINEER)))
          .andExpect(problem(409, "Change refused"))
          .andExpect(jsonPath("$.detail").value("legacy still holds 2 payment(s)"));
    }

    @Test
    void anUnknownChannel_404_nothingAsked() throws Exception {
      mvc.perform(drain("ghost", "{\"reason\":\"r\"}").with(key(ENGINEER)))
          .andExpect(problem(404, "Channel not found"));
      mvc.perform(get("/api/channels/ghost/lifecycle").with(key(OPS)))
          .andExpect(problem(404, "Channel not found"));

      verifyNoInteractions(gateway, store);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "",
          "{}",
          "{\"reason\":\"\"}",
          "{\"reason\":\"   \"}",
          "{\"reason\":42}",
          "{\"reason\":\"line\\nbreak\"}",
          "{\"reason\":\"\\u202eevil\"}",
          "{\"reason\":\"r\",\"force\":true}",
          "{\"reason\":\"a\",\"reason\":\"b\"}",
          "{\"reason\":\"r\"} {\"reason\":\"s\"}",
          "[\"reason\"]",
          "not json"
        })
    void aMissingBlankForgedOrMalformedReason_400_nothingAsked(String body) throws Exception {
      mvc.perform(drain("legacy", body).with(key(ENGINEER))).andExpect(status().isBadRequest());

      verifyNoInteractions(gateway);
    }

    @Test
    void anOversizedReason_400_nothingAsked() throws Exception {
      mvc.perform(drain("legacy", "{\"reason\":\"" + "x".repeat(257) + "\"}").with(key(ENGINEER)))
          .andExpect(problem(400, "Invalid reason"));

      verifyNoInteractions(gateway);
    }

    @Test
    void opsAndPlatformKeys_403_noKey_401_nothingAsked() throws Exception {
      mvc.perform(drain("legacy", "{\"reason\":\"r\"}").with(key(OPS))).andExpect(forbidden());
      mvc.perform(drain("legacy", "{\"reason\":\"r\"}").with(key(PLATFORM))).andExpect(forbidden());
      mvc.perform(drain("legacy", "{\"reason\":\"r\"}")).andExpect(unauthorized());
      mvc.perform(
              post("/api/channels/legacy/delete")
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"r\"}")
                  .with(key(ENGINEER)))
          .andExpect(forbidden());

      verifyNoInteractions(gateway);
    }
  }

  @Nested
  class Reads {

    @Test
    void engineersAndOpsReadEveryChannel_healthLeftEmpty() throws Exception {
      when(overview.all())
          .thenReturn(
              List.of(
                  new ChannelOverview(
                      "legacy",
                      new ChannelStatus("legacy", ChannelState.DRAINING, "frozen", "key eng", 5),
                      false,
                      false,
                      List.of(new ScopeShare("all", 7, 10_000, null)),
                      new OpenPayments(2, 1, List.of("o-1"), 99),
                      null)));

      for (String role : new String[] {ENGINEER, OPS}) {
        mvc.perform(get("/api/channels").with(key(role)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$[0].channel").value("legacy"))
            .andExpect(jsonPath("$[0].status.state").value("DRAINING"))
            .andExpect(jsonPath("$[0].status.reason").value("frozen"))
            .andExpect(jsonPath("$[0].takesNewPayments").value(false))
            .andExpect(jsonPath("$[0].traffic[0].weightBps").value(10_000))
            .andExpect(jsonPath("$[0].open.notEnded").value(2))
            .andExpect(jsonPath("$[0].health").isEmpty());
      }
    }

    @Test
    void aChannelsHistory_forOps() throws Exception {
      when(store.status("legacy"))
          .thenReturn(new ChannelStatus("legacy", ChannelState.DRAINING, "frozen", "key eng", 5));
      when(store.history("legacy", 100))
          .thenReturn(
              List.of(
                  new ChannelLifecycleStore.HistoryEntry(
                      ChannelState.ACTIVE, ChannelState.DRAINING, "frozen", "key eng", 5)));

      mvc.perform(get("/api/channels/legacy/lifecycle").with(key(OPS)))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.status.state").value("DRAINING"))
          .andExpect(jsonPath("$.history[0].from").value("ACTIVE"))
          .andExpect(jsonPath("$.history[0].changedBy").value("key eng"));
    }

    @Test
    void aPlatformKey_403_noKey_401() throws Exception {
      mvc.perform(get("/api/channels").with(key(PLATFORM))).andExpect(forbidden());
      mvc.perform(get("/api/channels")).andExpect(unauthorized());

      verifyNoInteractions(overview);
    }
  }
}
