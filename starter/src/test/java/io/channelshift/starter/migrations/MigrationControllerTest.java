package io.channelshift.starter.migrations;

import static io.channelshift.starter.web.ProblemJson.forbidden;
import static io.channelshift.starter.web.ProblemJson.problem;
import static io.channelshift.starter.web.ProblemJson.unauthorized;
import static io.channelshift.starter.web.TestKeys.ENGINEER;
import static io.channelshift.starter.web.TestKeys.OPS;
import static io.channelshift.starter.web.TestKeys.PLATFORM;
import static io.channelshift.starter.web.TestKeys.key;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.channelshift.fees.ChannelCosts;
import io.channelshift.migration.EngineerAction;
import io.channelshift.migration.EngineerAction.Action;
import io.channelshift.migration.MigrationPlan;
import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.ApiSliceTest;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The migration API at its HTTP boundary: engineers start and steer, ops read, everyone else is
 * refused.
 */
@ApiSliceTest(MigrationController.class)
class MigrationControllerTest {

  private static final String PLAN =
      """
      {"migrationId":"m-1","fromChannel":"legacy","toChannel":"nova","scope":"all",
       "steps":[{"weightBps":1000,"minDuration":"PT10S","minSamples":5},
                {"weightBps":10000,"minDuration":"PT10S","minSamples":5}],
       "evaluationInterval":"PT2S","window":"PT30S","inconclusiveLimit":"PT2M","bakePeriod":"PT30S"}""";

  @Autowired MockMvc mvc;
  @MockitoBean MigrationStarts starts;
  @MockitoBean MigrationGateway migrations;
  @MockitoBean ProviderRegistry providers;
  @MockitoBean ChannelCosts costs;

  private void channelsExist() {
    when(providers.find(anyString())).thenReturn(Optional.of(mock(PaymentProvider.class)));
  }

  @Nested
  class Start {

    @Test
    void anEngineerStartsAPlan_201_recordedAsThePersonBehindTheKey() throws Exception {
      channelsExist();
      when(starts.start(any(), anyString())).thenReturn(new MigrationStarts.Started(null, true));

      mvc.perform(
              post("/api/migrations")
                  .with(key(ENGINEER))
                  .header("X-ChannelShift-User", "alice")
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(PLAN))
          .andExpect(status().isCreated());

      verify(starts).start(any(MigrationPlan.class), eq("alice (key eng)"));
    }

    @Test
    void theSamePlanAgain_200() throws Exception {
      channelsExist();
      when(starts.start(any(), anyString())).thenReturn(new MigrationStarts.Started(null, false));

      mvc.perform(
              post("/api/migrations")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(PLAN))
          .andExpect(status().isOk());
    }

    @Test
    void withoutAKey_401_andWithAPlatformOrOpsKey_403_nothingStarted() throws Exception {
      mvc.perform(post("/api/migrations").contentType(MediaType.APPLICATION_JSON).content(PLAN))
          .andExpect(unauthorized());
      for (String other : new String[] {PLATFORM, OPS}) {
        mvc.perform(
                post("/api/migrations")
                    .with(key(other))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(PLAN))
            .andExpect(forbidden());
      }

      verifyNoInteractions(starts, migrations, providers);
    }

    @Test
    void aPlanOnChannelsThatDoNotExist_422NamingBoth_nothingStarted() throws Exception {
      mvc.perform(
              post("/api/migrations")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(PLAN))
          .andExpect(problem(422, "Invalid plan"))
          .andExpect(
              jsonPath("$.errors[*].field").value(containsInAnyOrder("fromChannel", "toChannel")));

      verifyNoInteractions(starts, migrations);
    }

    @Test
    void aPlanOntoAChannelDisabledInConfiguration_422NamingIt_nothingStarted() throws Exception {
      channelsExist();
      when(providers.disabled("nova")).thenReturn(true);

      mvc.perform(
              post("/api/migrations")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(PLAN))
          .andExpect(problem(422, "Invalid plan"))
          .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("toChannel")));

      verifyNoInteractions(starts, migrations);
    }

    @Test
    void aBodyThatIsNoPlan_400() throws Exception {
      mvc.perform(
              post("/api/migrations")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"steps\":\"soon\"}"))
          .andExpect(problem(400, "Invalid plan"));
      mvc.perform(
              post("/api/migrations")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(""))
          .andExpect(problem(400, "Plan required"));

      verifyNoInteractions(starts, migrations);
    }

    @Test
    void aUserHeaderWithABidiOverride_400() throws Exception {
      channelsExist();

      mvc.perform(
              post("/api/migrations")
                  .with(key(ENGINEER))
                  .header("X-ChannelShift-User", "eve\u202e")
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(PLAN))
          .andExpect(status().isBadRequest());

      verifyNoInteractions(starts, migrations);
    }

    @Test
    void aSecondMigrationOnTheScope_409() throws Exception {
      channelsExist();
      when(starts.start(any(), anyString()))
          .thenThrow(new ApiProblem(HttpStatus.CONFLICT, "Scope busy", "m-0 is running on all"));

      mvc.perform(
              post("/api/migrations")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(PLAN))
          .andExpect(problem(409, "Scope busy"));
    }
  }

  @Nested
  class Act {

    @Test
    void anEngineerRollsBack_withTheReasonAndWhoAsked() throws Exception {
      mvc.perform(
              post("/api/migrations/m-1/rollback")
                  .with(key(ENGINEER))
                  .header("X-ChannelShift-User", "alice")
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"reason\":\"gates red\"}"))
          .andExpect(status().isOk());

      verify(migrations)
          .act("m-1", new EngineerAction(Action.ROLLBACK, "alice (key eng)", "gates red"));
    }

    @Test
    void anUnknownAction_404_andTheMigrationIsNotAsked() throws Exception {
      mvc.perform(post("/api/migrations/m-1/explode").with(key(ENGINEER)))
          .andExpect(problem(404, "Unknown action"));

      verifyNoInteractions(starts, migrations);
    }

    @Test
    void anOpsKey_403() throws Exception {
      mvc.perform(post("/api/migrations/m-1/pause").with(key(OPS))).andExpect(forbidden());

      verifyNoInteractions(starts, migrations);
    }

    @Test
    void aBodyThatIsNotAnObject_400() throws Exception {
      mvc.perform(
              post("/api/migrations/m-1/pause")
                  .with(key(ENGINEER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("[1]"))
          .andExpect(problem(400, "Invalid body"));

      verifyNoInteractions(starts, migrations);
    }
  }

  @Nested
  class Read {

    @Test
    void anUnknownMigration_404() throws Exception {
      mvc.perform(get("/api/migrations/m-9").with(key(OPS)))
          .andExpect(problem(404, "Migration not found"));
    }

    @Test
    void aPlatformKey_403() throws Exception {
      mvc.perform(get("/api/migrations").with(key(PLATFORM))).andExpect(forbidden());

      verifyNoInteractions(starts, migrations);
    }
  }
}
