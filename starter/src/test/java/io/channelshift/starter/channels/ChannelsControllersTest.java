package io.channelshift.starter.channels;

import static io.channelshift.starter.web.ProblemJson.forbidden;
import static io.channelshift.starter.web.ProblemJson.problem;
import static io.channelshift.starter.web.ProblemJson.unauthorized;
import static io.channelshift.starter.web.TestKeys.ENGINEER;
import static io.channelshift.starter.web.TestKeys.OPS;
import static io.channelshift.starter.web.TestKeys.PLATFORM;
import static io.channelshift.starter.web.TestKeys.key;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.channelshift.fees.ChannelCosts;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.starter.web.ApiSliceTest;
import io.channelshift.store.RoutingCache;
import io.channelshift.store.RoutingStore;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** What the channels cost and how payments are routed to them, at the HTTP boundary. */
@ApiSliceTest({CostsController.class, RoutesController.class})
class ChannelsControllersTest {

  @Autowired MockMvc mvc;
  @MockitoBean ChannelCosts costs;
  @MockitoBean ProviderRegistry providers;
  @MockitoBean RoutingStore store;
  @MockitoBean RoutingCache cache;

  @Nested
  class Costs {

    @Test
    void anOpsKeyReadsAPeriod() throws Exception {
      when(providers.channels()).thenReturn(Set.of("legacy"));
      when(costs.costs(Set.of("legacy"), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)))
          .thenReturn(List.of());

      mvc.perform(
              get("/api/channels/costs")
                  .param("from", "2026-11-01")
                  .param("to", "2026-11-30")
                  .with(key(OPS)))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.from").value("2026-11-01"))
          .andExpect(jsonPath("$.to").value("2026-11-30"));

      verify(costs).costs(Set.of("legacy"), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));
    }

    @Test
    void aPlatformKey_403_andNoKey_401_nothingComputed() throws Exception {
      mvc.perform(get("/api/channels/costs").with(key(PLATFORM))).andExpect(forbidden());
      mvc.perform(get("/api/channels/costs")).andExpect(unauthorized());

      verifyNoInteractions(costs);
    }

    @Test
    void aBadDate_anInvertedPeriod_orMoreThanAYear_400() throws Exception {
      mvc.perform(get("/api/channels/costs").param("from", "+10000-01-01").with(key(ENGINEER)))
          .andExpect(problem(400, "Invalid date"));
      mvc.perform(
              get("/api/channels/costs")
                  .param("from", "2026-11-30")
                  .param("to", "2026-11-01")
                  .with(key(ENGINEER)))
          .andExpect(problem(400, "Invalid period"));
      mvc.perform(
              get("/api/channels/costs")
                  .param("from", "2024-01-01")
                  .param("to", "2026-01-01")
                  .with(key(ENGINEER)))
          .andExpect(problem(400, "Invalid period"));

      verifyNoInteractions(costs);
    }
  }

  @Nested
  class Routes {

    @Test
    void everyRoleReadsTheTableInForce() throws Exception {
      when(cache.version()).thenReturn(7L);
      when(cache.listening()).thenReturn(true);
      when(providers.channels()).thenReturn(Set.of("legacy"));
      when(store.allCurrent()).thenReturn(List.of());

      for (String role : new String[] {PLATFORM, ENGINEER, OPS}) {
        mvc.perform(get("/api/routes").with(key(role)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.cachedVersion").value(7))
            .andExpect(jsonPath("$.listening").value(true))
            .andExpect(jsonPath("$.channels[0]").value("legacy"));
      }
    }

    @Test
    void withoutAKey_401_andAWriteNoRuleNames_403() throws Exception {
      mvc.perform(get("/api/routes")).andExpect(unauthorized());
      mvc.perform(post("/api/routes").with(key(ENGINEER))).andExpect(forbidden());

      verifyNoInteractions(store, cache);
    }
  }
}
