package io.channelshift.starter.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.channelshift.payment.RouteDecision;
import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.routing.RoutingTable;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.store.RoutingCache;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The starter's decision with the channels' lifecycle: off a drained channel, or a clear 503. */
class PaymentRoutingTest {

  private final RoutingCache cache = mock(RoutingCache.class);
  private final RoutingTable table =
      new RoutingTable(
          RoutingTable.ALL, 7, Map.of("legacy", RoutingTable.FULL), null, List.of("nova"));
  private PaymentRouting routing;

  @BeforeEach
  void setUp() {
    PaymentProvider legacy = mock(PaymentProvider.class);
    PaymentProvider nova = mock(PaymentProvider.class);
    when(legacy.channel()).thenReturn("legacy");
    when(nova.channel()).thenReturn("nova");
    routing = new PaymentRouting(cache, new ProviderRegistry(List.of(legacy, nova)));
    when(cache.inForce(anyString())).thenReturn(Optional.of(table));
  }

  private void notActive(Set<String> channels) {
    when(cache.active(anyString())).thenAnswer(i -> !channels.contains(i.<String>getArgument(0)));
  }

  @Test
  void anActiveChannelKeepsItsUsers() {
    notActive(Set.of());

    assertThat(routing.decide("u-1", "game_card").channel()).isEqualTo("legacy");
  }

  @Test
  void aDrainedChannelsUsersGoToTheFirstActiveBackup_onTheSameTableVersion() {
    notActive(Set.of("legacy"));

    RouteDecision decision = routing.decide("u-1", "game_card");

    assertThat(decision.channel()).isEqualTo("nova");
    assertThat(decision.tableVersion()).isEqualTo(7);
  }

  @Test
  void withNoActiveChannelLeft_a503SaysWhy() {
    notActive(Set.of("legacy", "nova"));

    assertThatThrownBy(() -> routing.decide("u-1", "game_card"))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
              assertThat(p.getMessage())
                  .contains("legacy")
                  .contains("takes no new payments")
                  .contains("no backup or other channel");
            });
  }
}
