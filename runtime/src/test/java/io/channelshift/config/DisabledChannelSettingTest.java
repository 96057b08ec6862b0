package io.channelshift.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.provider.ProviderRegistry;
import io.channelshift.store.CallbackStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code enabled=false} keeps the channel's adapter loaded (its payments still need it) and marks
 * it as taking no new payments; existing settings bind as before.
 */
class DisabledChannelSettingTest {

  /** Never connected to: the beans under test only keep it. */
  private static final DataSource NOWHERE =
      new DriverManagerDataSource("jdbc:postgresql://nowhere");

  private static ChannelsProperties channels() {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String name : new String[] {"legacy", "nova"}) {
      settings.put("channelshift.channels." + name + ".base-url", "http://127.0.0.1:9");
      settings.put("channelshift.channels." + name + ".merchant-id", "M-" + name);
      settings.put("channelshift.channels." + name + ".merchant-secret", "s-" + name);
    }
    settings.put("channelshift.channels.nova.enabled", "false");
    return BoundSettings.bind(ChannelsProperties.class, settings);
  }

  @Test
  void aDisabledChannelsAdapterStaysLoaded() {
    ProviderRegistry registry =
        new ChannelShiftConfiguration()
            .providerRegistry(channels(), new CallbackStore(NOWHERE), new SimpleMeterRegistry());

    assertThat(registry.channels()).containsExactlyInAnyOrder("legacy", "nova");
    assertThat(registry.find("nova")).isPresent();
    assertThat(registry.disabled("nova")).isTrue();
    assertThat(registry.disabled("legacy")).isFalse();
  }

  @Test
  void aDisabledChannelTakesNoNewPayments() {
    assertThat(
            new ChannelShiftConfiguration()
                .routingStore(NOWHERE, channels())
                .disabledByConfiguration())
        .containsExactly("nova");
  }
}
