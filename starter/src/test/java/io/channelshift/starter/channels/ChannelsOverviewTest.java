package io.channelshift.starter.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.channelshift.config.PaymentProperties;
import io.channelshift.health.ChannelHealthStatus;
import io.channelshift.health.Failover;
import io.channelshift.health.HealthMode;
import io.channelshift.migration.Gate;
import io.channelshift.migration.GateVerdict;
import io.channelshift.migration.GateVerdict.Verdict;
import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.routing.RoutingTable;
import io.channelshift.starter.channels.ChannelsOverview.ChannelHealth;
import io.channelshift.starter.channels.ChannelsOverview.ChannelOverview;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.ScopeHealthReads;
import io.channelshift.store.ChannelLifecycleStore;
import io.channelshift.store.RoutingStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * The channels' overview shows each scope's verdict on a channel, and stays answerable when a
 * scope's health workflow does not answer (the worker down in an emergency): that scope's health is
 * marked unread, the rest of the page is answered, and the scopes are asked at the same time.
 */
class ChannelsOverviewTest {

  private static final long SLOW_MS = 800;

  @Test
  void aScopeWhoseHealthCannotBeReadIsMarkedSo_theOthersAreShown_andTheyAreAskedTogether() {
    ScopeHealthReads reads =
        scope -> {
          sleep(SLOW_MS);
          if (scope.equals("all")) {
            throw new ApiProblem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Scope health not answered",
                "the health workflow of scope all did not answer within 30 s");
          }
          return Optional.of(failingOn("nova", scope));
        };
    ChannelsOverview overview = overview(reads);

    long started = System.nanoTime();
    List<ChannelOverview> all = overview.all();
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(tookMs).as("two scopes asked at once").isLessThan(2 * SLOW_MS);
    ChannelOverview nova = byName(all, "nova");
    assertThat(nova.health())
        .extracting(ChannelHealth::scope, ChannelHealth::verdict, ChannelHealth::unread)
        .containsExactly(
            tuple(
                "all",
                null,
                "not read: the health workflow of scope all did not answer within 30 s"),
            tuple("topup", Verdict.FAIL, null));
    ChannelHealth topup = nova.health().get(1);
    assertThat(topup.mode()).isEqualTo(HealthMode.FAILED_OVER);
    assertThat(topup.failedOverFrom()).isTrue();
    assertThat(topup.failing()).singleElement().asString().contains("CREATE_SUCCESS_RATE");
    assertThat(byName(all, "legacy").health())
        .as("topup judged nova only; all could not be read")
        .singleElement()
        .satisfies(h -> assertThat(h.unread()).startsWith("not read"));
  }

  private static ChannelsOverview overview(ScopeHealthReads reads) {
    PaymentProvider legacy = mock(PaymentProvider.class);
    when(legacy.channel()).thenReturn("legacy");
    PaymentProvider nova = mock(PaymentProvider.class);
    when(nova.channel()).thenReturn("nova");
    ChannelLifecycleStore lifecycle = mock(ChannelLifecycleStore.class);
    when(lifecycle.changed()).thenReturn(Map.of());
    RoutingStore routing = mock(RoutingStore.class);
    when(routing.allCurrent())
        .thenReturn(
            List.of(
                new RoutingTable("all", 3, Map.of("legacy", 10_000), null, List.of("nova")),
                new RoutingTable("topup", 4, Map.of("nova", 10_000), null, List.of())));
    when(routing.disabledByConfiguration()).thenReturn(Set.of());
    PaymentProperties payment = mock(PaymentProperties.class);
    when(lifecycle.open(any(), any())).thenReturn(null);
    return new ChannelsOverview(
        new ProviderRegistry(List.of(legacy, nova), Set.of()), lifecycle, routing, payment, reads);
  }

  private static ChannelHealthStatus failingOn(String channel, String scope) {
    GateVerdict fail =
        new GateVerdict(
            Gate.CREATE_SUCCESS_RATE, Verdict.FAIL, null, null, null, "0.25 is below 0.9");
    return new ChannelHealthStatus(
        scope,
        HealthMode.FAILED_OVER,
        "other",
        4,
        List.of(),
        null,
        null,
        new Failover(channel, "other", 9_900, 1L, "workflow", "gates"),
        3,
        3,
        0,
        2L,
        Map.of(channel, List.of(fail)),
        null,
        1,
        List.of());
  }

  private static ChannelOverview byName(List<ChannelOverview> all, String name) {
    return all.stream().filter(c -> c.channel().equals(name)).findFirst().orElseThrow();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
