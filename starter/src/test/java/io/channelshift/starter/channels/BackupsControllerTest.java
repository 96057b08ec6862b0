package io.channelshift.starter.channels;

import static io.channelshift.starter.web.ProblemJson.forbidden;
import static io.channelshift.starter.web.ProblemJson.problem;
import static io.channelshift.starter.web.ProblemJson.unauthorized;
import static io.channelshift.starter.web.TestKeys.ENGINEER;
import static io.channelshift.starter.web.TestKeys.OPS;
import static io.channelshift.starter.web.TestKeys.PLATFORM;
import static io.channelshift.starter.web.TestKeys.key;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.routing.RoutingTable;
import io.channelshift.starter.web.ApiSliceTest;
import io.channelshift.store.BackupsChange;
import io.channelshift.store.RoutingStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** An engineer names a scope's backup channels, at the HTTP boundary. */
@ApiSliceTest(BackupsController.class)
class BackupsControllerTest {

  @Autowired MockMvc mvc;
  @MockitoBean RoutingStore store;
  @MockitoBean ProviderRegistry providers;

  private static final RoutingTable TABLE =
      new RoutingTable("all", 12, Map.of("legacy", 10_000), null, List.of("nova"));

  @BeforeEach
  void channels() {
    PaymentProvider provider = mock(PaymentProvider.class);
    when(providers.find(anyString())).thenReturn(Optional.empty());
    when(providers.find("legacy")).thenReturn(Optional.of(provider));
    when(providers.find("nova")).thenReturn(Optional.of(provider));
    when(providers.channels()).thenReturn(Set.of("legacy", "nova"));
  }

  private static MockHttpServletRequestBuilder backups(String scope, String body) {
    return put("/api/routes/" + scope + "/backups")
        .contentType(MediaType.APPLICATION_JSON)
        .content(body);
  }

  @Nested
  class Accepted {

    @Test
    void aNewListIsWritten_201_recordedWithWhoAskedAndWhy() throws Exception {
      when(store.replaceBackups(any(), anyList(), any(), any()))
          .thenReturn(new BackupsChange.Written(TABLE));

      mvc.perform(
              backups("all", "{\"backups\": [\"nova\"], \"reason\": \"legacy frozen\"}")
                  .header("X-ChannelShift-User", "alice")
                  .with(key(ENGINEER)))
          .andExpect(status().isCreated())
          .andExpect(jsonPath("$.version").value(12))
          .andExpect(jsonPath("$.backups[0]").value("nova"))
          .andExpect(jsonPath("$.weightsBps.legacy").value(10_000));

      verify(store).replaceBackups("all", List.of("nova"), "alice (key eng)", "legacy frozen");
    }

    @Test
    void anIdenticalRetry_200_withTheTableInForce() throws Exception {
      when(store.replaceBackups(any(), anyList(), any(), any()))
          .thenReturn(new BackupsChange.Unchanged(TABLE));

      mvc.perform(
              backups("all", "{\"backups\": [\"nova\"], \"reason\": \"r\"}").with(key(ENGINEER)))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.version").value(12));
    }

    @Test
    void anEmptyList_clearsTheBackups() throws Exception {
      when(store.replaceBackups(any(), anyList(), any(), any()))
          .thenReturn(new BackupsChange.Written(TABLE.withBackups(List.of())));

      mvc.perform(backups("all", "{\"backups\": [], \"reason\": \"r\"}").with(key(ENGINEER)))
          .andExpect(status().isCreated());

      verify(store).replaceBackups("all", List.of(), "key eng", "r");
    }
  }

  @Nested
  class RefusedNothingWritten {

    @Test
    void aChannelNotConfigured_422_namingIt() throws Exception {
      mvc.perform(
              backups("all", "{\"backups\": [\"nova\", \"paypal\"], \"reason\": \"r\"}")
                  .with(key(ENGINEER)))
          .andExpect(problem(422, "Invalid backups"))
          .andExpect(jsonPath("$.errors[0].field").value("backups[1]"));

      verifyNothingWritten();
    }

    @Test
    void aChannelListedTwice_422() throws Exception {
      mvc.perform(
              backups("all", "{\"backups\": [\"nova\", \"nova\"], \"reason\": \"r\"}")
                  .with(key(ENGINEER)))
          .andExpect(problem(422, "Invalid backups"))
          .andExpect(jsonPath("$.errors[0].field").value("backups[1]"));

      verifyNothingWritten();
    }

    @Test
    void moreEntriesThanChannels_422_inOneProblem() throws Exception {
      String many = "\"nova\", ".repeat(2000) + "\"nova\"";

      mvc.perform(
              backups("all", "{\"backups\": [" + many + "], \"reason\": \"r\"}")
                  .with(key(ENGINEER)))
          .andExpect(problem(422, "Invalid backups"))
          .andExpect(jsonPath("$.errors.length()").value(1));

      verifyNothingWritten();
    }

    @Test
    void aScopeWithoutATable_404() throws Exception {
      when(store.replaceBackups(any(), anyList(), any(), any()))
          .thenReturn(new BackupsChange.NoTable("game_card"));

      mvc.perform(
              backups("game_card", "{\"backups\": [\"nova\"], \"reason\": \"r\"}")
                  .with(key(ENGINEER)))
          .andExpect(problem(404, "Scope not found"));
    }

    @Test
    void aMigrationRunningOnTheScope_409_namingIt() throws Exception {
      when(store.replaceBackups(any(), anyList(), any(), any()))
          .thenReturn(new BackupsChange.MigrationRunning("legacy-to-nova"));

      mvc.perform(
              backups("all", "{\"backups\": [\"nova\"], \"reason\": \"r\"}").with(key(ENGINEER)))
          .andExpect(problem(409, "Migration running"))
          .andExpect(
              jsonPath("$.detail")
                  .value(org.hamcrest.Matchers.containsString("migration legacy-to-nova")));
    }

    @Test
    void withoutAReason_400() throws Exception {
      mvc.perform(backups("all", "{\"backups\": [\"nova\"]}").with(key(ENGINEER)))
          .andExpect(problem(400, "Missing reason"));
      mvc.perform(
              backups("all", "{\"backups\": [\"nova\"], \"reason\": \"  \"}").with(key(ENGINEER)))
          .andExpect(problem(400, "Missing reason"));

      verifyNothingWritten();
    }

    @Test
    void aReasonOrNameThatCouldRewriteATerminal_400() throws Exception {
      mvc.perform(
              backups("all", "{\"backups\": [\"nova\"], \"reason\": \"ok\\u001b[2J\"}")
                  .with(key(ENGINEER)))
          .andExpect(problem(400, "Invalid reason"));
      mvc.perform(
              backups("all", "{\"backups\": [\"nova\"], \"reason\": \"r\"}")
                  .header("X-ChannelShift-User", "eve\u202e")
                  .with(key(ENGINEER)))
          .andExpect(status().isBadRequest());

      verifyNothingWritten();
    }

    @Test
    void aBodyThatIsNotTheRequest_400() throws Exception {
      for (String body :
          new String[] {
            "",
            "[]",
            "{\"backups\": \"nova\", \"reason\": \"r\"}",
            "{\"backups\": [1], \"reason\": \"r\"}",
            "{\"backups\": [null], \"reason\": \"r\"}",
            "{\"reason\": \"r\"}",
            "{\"backups\": [\"nova\"], \"reason\": 5}",
            "{\"backups\": [\"nova\"], \"reason\": \"r\", \"weightsBps\": {\"nova\": 10000}}",
            "{\"backups\": [\"nova\"], \"backups\": [\"legacy\"], \"reason\": \"r\"}",
            "{\"backups\": [\"nova\"], \"reason\": \"r\"} {}"
          }) {
        mvc.perform(backups("all", body).with(key(ENGINEER))).andExpect(status().isBadRequest());
      }

      verifyNothingWritten();
    }

    @Test
    void onlyAnEngineer_opsAndPlatform_403_noKey_401() throws Exception {
      String body = "{\"backups\": [\"nova\"], \"reason\": \"r\"}";
      mvc.perform(backups("all", body).with(key(OPS))).andExpect(forbidden());
      mvc.perform(backups("all", body).with(key(PLATFORM))).andExpect(forbidden());
      mvc.perform(backups("all", body)).andExpect(unauthorized());

      verifyNothingWritten();
    }

    private void verifyNothingWritten() {
      verify(store, never()).replaceBackups(any(), anyList(), any(), any());
    }
  }
}
