package io.channelshift.starter.migrations;

import static io.channelshift.starter.web.ProblemJson.forbidden;
import static io.channelshift.starter.web.ProblemJson.problem;
import static io.channelshift.starter.web.ProblemJson.unauthorized;
import static io.channelshift.starter.web.TestKeys.ENGINEER;
import static io.channelshift.starter.web.TestKeys.OPS;
import static io.channelshift.starter.web.TestKeys.PLATFORM;
import static io.channelshift.starter.web.TestKeys.key;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.channelshift.migration.Gate;
import io.channelshift.migration.GateVerdict.Verdict;
import io.channelshift.migration.MigrationPhase;
import io.channelshift.migration.MigrationStatus;
import io.channelshift.migration.TimelineEntry;
import io.channelshift.starter.web.ApiSliceTest;
import io.channelshift.store.MigrationSeriesStore;
import io.channelshift.store.MigrationSeriesStore.GatePoint;
import io.channelshift.store.MigrationSeriesStore.GateSeries;
import io.channelshift.store.MigrationSeriesStore.WeightPoint;
import io.channelshift.store.MigrationStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** A migration over time for the console's charts: engineers and ops read it, bounded. */
@ApiSliceTest(MigrationSeriesController.class)
class MigrationSeriesControllerTest {

  @Autowired MockMvc mvc;
  @MockitoBean MigrationStore migrations;
  @MockitoBean MigrationSeriesStore series;
  @MockitoBean MigrationGateway workflows;

  private void known(String id) {
    when(migrations.find(id))
        .thenReturn(
            Optional.of(
                new MigrationStore.StoredMigration(
                    id, "all", "legacy", "nova", "{}", "alice", "now", null, null)));
  }

  @Test
  void weightsGatesAndTheTimelinesEventsSinceTheGivenTime() throws Exception {
    known("m-1");
    when(series.weights("m-1", 1_000, 50)).thenReturn(List.of(new WeightPoint(1_000, 2500, 7)));
    when(series.gates("m-1", 1_000, 50))
        .thenReturn(
            List.of(
                new GateSeries(
                    Gate.CREATE_SUCCESS_RATE,
                    "ratio",
                    0.98,
                    0.01,
                    20,
                    List.of(new GatePoint(2_000, 0.5, 20, 1.0, 20, Verdict.FAIL)))));
    when(workflows.status("m-1"))
        .thenReturn(
            Optional.of(
                MigrationStatus.builder()
                    .migrationId("m-1")
                    .phase(MigrationPhase.PAUSED)
                    .timeline(
                        List.of(
                            new TimelineEntry(500, "STARTED", "alice", "old, left out"),
                            new TimelineEntry(3_000, "PAUSED", "bob (key eng)", "look")))
                    .build()));

    mvc.perform(get("/api/migrations/m-1/series?sinceMs=1000&limit=50").with(key(ENGINEER)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.weights[0].weightBps").value(2500))
        .andExpect(jsonPath("$.gates[0].gate").value("CREATE_SUCCESS_RATE"))
        .andExpect(jsonPath("$.gates[0].limit").value(0.98))
        .andExpect(jsonPath("$.gates[0].points[0].newValue").value(0.5))
        .andExpect(jsonPath("$.gates[0].points[0].oldValue").value(1.0))
        .andExpect(jsonPath("$.gates[0].points[0].verdict").value("FAIL"))
        .andExpect(jsonPath("$.events.length()").value(1))
        .andExpect(jsonPath("$.events[0].by").value("bob (key eng)"));
  }

  @Test
  void opsReadsItWithTheDefaultBound() throws Exception {
    known("m-1");
    when(workflows.status("m-1")).thenReturn(Optional.empty());

    mvc.perform(get("/api/migrations/m-1/series").with(key(OPS)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.events.length()").value(0));
    verify(series).gates("m-1", 0, MigrationSeriesController.DEFAULT_LIMIT);
  }

  @Test
  void anUnknownMigrationIs404Problem() throws Exception {
    when(migrations.find(anyString())).thenReturn(Optional.empty());

    mvc.perform(get("/api/migrations/nope/series").with(key(ENGINEER)))
        .andExpect(problem(404, "Migration not found"));
    verifyNoInteractions(series, workflows);
  }

  @Test
  void anUnboundedOrNegativeAskIs400() throws Exception {
    known("m-1");
    mvc.perform(get("/api/migrations/m-1/series?limit=100000").with(key(ENGINEER)))
        .andExpect(problem(400, "Invalid query"));
    mvc.perform(get("/api/migrations/m-1/series?sinceMs=-1").with(key(ENGINEER)))
        .andExpect(problem(400, "Invalid query"));
    mvc.perform(get("/api/migrations/m-1/series?limit=0").with(key(ENGINEER)))
        .andExpect(problem(400, "Invalid query"));
    verifyNoInteractions(series);
  }

  @Test
  void thePlatformAndStrangersMayNotRead() throws Exception {
    mvc.perform(get("/api/migrations/m-1/series").with(key(PLATFORM))).andExpect(forbidden());
    mvc.perform(get("/api/migrations/m-1/series")).andExpect(unauthorized());
    verifyNoInteractions(migrations, series, workflows);
  }
}
