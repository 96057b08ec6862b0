package io.channelshift.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.channelshift.config.RoutingProperties;
import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The configured backups of the first table are checked before start-up writes anything. */
class InitialBackupsTest {

  private final ProviderRegistry providers = mock(ProviderRegistry.class);

  InitialBackupsTest() {
    when(providers.find(anyString())).thenReturn(Optional.empty());
    when(providers.find("legacy")).thenReturn(Optional.of(mock(PaymentProvider.class)));
    when(providers.find("nova")).thenReturn(Optional.of(mock(PaymentProvider.class)));
    when(providers.channels()).thenReturn(new LinkedHashSet<>(List.of("legacy", "nova")));
  }

  @Test
  void configuredChannelsForAll_orNone_areUsable() {
    assertThat(InitialBackups.problems(routing(Map.of("all", List.of("nova"))), providers))
        .isEmpty();
    assertThat(InitialBackups.problems(new RoutingProperties(null), providers)).isEmpty();
    assertThat(new RoutingProperties(null).backupsOf("all")).isEmpty();
  }

  @Test
  void anUnknownChannel_aChannelTwice_orAProductType_eachNamedWithItsSetting() {
    assertThat(
            InitialBackups.problems(
                routing(Map.of("all", List.of("nova", "paypal", "nova"))), providers))
        .containsExactly(
            "channelshift.routing.backups.all: paypal is not a configured, enabled channel"
                + " (configured: [legacy, nova])",
            "channelshift.routing.backups.all: nova is listed twice");
    assertThat(InitialBackups.problems(routing(Map.of("game_card", List.of("nova"))), providers))
        .singleElement()
        .asString()
        .startsWith("channelshift.routing.backups.game_card: only the 'all' scope");
  }

  private static RoutingProperties routing(Map<String, List<String>> backups) {
    return new RoutingProperties(backups);
  }
}
