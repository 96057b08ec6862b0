package io.channelshift.starter.scopes;

import static io.channelshift.starter.web.ProblemJson.forbidden;
import static io.channelshift.starter.web.ProblemJson.problem;
import static io.channelshift.starter.web.ProblemJson.unauthorized;
import static io.channelshift.starter.web.TestKeys.ENGINEER;
import static io.channelshift.starter.web.TestKeys.OPS;
import static io.channelshift.starter.web.TestKeys.PLATFORM;
import static io.channelshift.starter.web.TestKeys.key;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.channelshift.health.ChannelHealthStatus;
import io.channelshift.health.HealthAction;
import io.channelshift.health.HealthAction.Action;
import io.channelshift.health.HealthMode;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.ApiSliceTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The scope health API at its HTTP boundary: engineers act, ops read, everyone else refused. */
@ApiSliceTest(ScopeHealthController.class)
class ScopeHealthControllerTest {

  @Autowired MockMvc mvc;
  @MockitoBean ScopeHealthGateway scopes;

  private static final ChannelHealthStatus WATCHING =
      new ChannelHealthStatus(
          "all",
          HealthMode.WATCHING,
          "legacy",
          3,
          List.of("nova"),
          null,
          null,
          null,
          0,
          3,
          0,
          0,
          Map.of(),
          null,
          0,
          List.of());

  @Nested
  class Read {

    @Test
    void engineersAndOpsReadTheHealth_theOthersAreRefused() throws Exception {
      when(scopes.status("all")).thenReturn(Optional.of(WATCHING));
      for (String reader : new String[] {ENGINEER, OPS}) {
        mvc.perform(get("/api/scopes/all/health").with(key(reader)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.mode").value("WATCHING"))
            .andExpect(jsonPath("$.primary").value("legacy"));
      }
      mvc.perform(get("/api/scopes/all/health").with(key(PLATFORM))).andExpect(forbidden());
      mvc.perform(get("/api/scopes/all/health")).andExpect(unauthorized());
    }

    @Test
    void aScopeWithoutATable_404() throws Exception {
      when(scopes.status("nothing")).thenReturn(Optional.empty());
      mvc.perform(get("/api/scopes/nothing/health").with(key(OPS)))
          .andExpect(problem(404, "Scope not found"));
    }
  }

  @Nested
  class Act {

    @Test
    void anEngineerFailsOverToATarget_withTheReasonAndWhoAsked() throws Exception {
      when(scopes.act(eq("all"), any())).thenReturn(WATCHING);
      mvc.perform(
              post("/api/scopes/all/failover")
                  .with(key(ENGINEER))
                  .header("X-ChannelShift-User", "alice")
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"legacy frozen by risk control\",\"target\":\"nova\"}"))
          .andExpect(status().isOk());

      verify(scopes)
          .act(
              "all",
              new HealthAction(
                  Action.FAILOVER, "alice (key eng)", "legacy frozen by risk control", "nova"));
    }

    @Test
    void holdReleaseAndFailbackPassOnTheirAction() throws Exception {
      when(scopes.act(eq("game"), any())).thenReturn(WATCHING);
      for (String action : new String[] {"hold", "release", "failback"}) {
        mvc.perform(
                post("/api/scopes/game/" + action)
                    .with(key(ENGINEER))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"r\"}"))
            .andExpect(status().isOk());
      }
      verify(scopes).act(eq("game"), eq(new HealthAction(Action.HOLD, "key eng", "r", null)));
      verify(scopes).act(eq("game"), eq(new HealthAction(Action.RELEASE, "key eng", "r", null)));
      verify(scopes).act(eq("game"), eq(new HealthAction(Action.FAILBACK, "key eng", "r", null)));
    }

    @Test
    void aRefusalFromTheWorkflowIs409WithItsReason() throws Exception {
      when(scopes.act(eq("all"), any()))
          .thenThrow(
              new ApiProblem(
                  HttpStatus.CONFLICT,
                  "Request refused",
                  "migration m-1 runs on scope all and owns its routing table"));
      mvc.perform(
              post("/api/scopes/all/failover")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"down\"}"))
          .andExpect(problem(409, "Request refused"))
          .andExpect(
              jsonPath("$.detail")
                  .value("migration m-1 runs on scope all and owns its routing table"));
    }

    @Test
    void badRequestsAreRefusedBeforeTheWorkflowIsAsked() throws Exception {
      String[][] cases = {
        {"/api/scopes/all/failover", "{}", "400"},
        {"/api/scopes/all/failover", "{\"reason\":\"  \"}", "400"},
        {"/api/scopes/all/failover", "{\"reason\":\"x\",\"weights\":{}}", "400"},
        {"/api/scopes/all/failover", "{\"reason\":\"x\",\"target\":7}", "400"},
        {"/api/scopes/all/failover", "{\"reason\":\"x\",\"target\":\"../etc\"}", "400"},
        {"/api/scopes/all/failback", "{\"reason\":\"x\",\"target\":\"nova\"}", "400"},
        {"/api/scopes/all/failover", "{\"reason\":\"evil\u001b[2J\"}", "400"},
        {"/api/scopes/all/failover", "[\"reason\"]", "400"},
        {"/api/scopes/all/failover", "{\"reason\":\"a\",\"reason\":\"b\"}", "400"},
        {"/api/scopes/all/explode", "{\"reason\":\"x\"}", "403"}, // denied by default
        {"/api/scopes/a~b/failover", "{\"reason\":\"x\"}", "404"},
        {"/api/scopes/a%20b/failover", "{\"reason\":\"x\"}", "400"},
      };
      for (String[] c : cases) {
        mvc.perform(
                post(c[0])
                    .with(key(ENGINEER))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(c[1]))
            .andExpect(status().is(Integer.parseInt(c[2])));
      }
      verifyNoInteractions(scopes);
    }

    @Test
    void opsAndPlatformKeysMayNotAct_noKeyIs401() throws Exception {
      for (String other : new String[] {OPS, PLATFORM}) {
        mvc.perform(
                post("/api/scopes/all/failover")
                    .with(key(other))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"x\"}"))
            .andExpect(forbidden());
      }
      mvc.perform(
              post("/api/scopes/all/hold")
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"x\"}"))
          .andExpect(unauthorized());
      verifyNoInteractions(scopes);
    }
  }
}
