package io.channelshift.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code channelshift.routing.backups.<scope>} binds as an ordered list per scope. */
class RoutingSettingTest {

  @Test
  void aScopesBackupsBindInTheOrderWritten_commaSeparatedOrIndexed() {
    RoutingProperties listed =
        BoundSettings.bind(
            RoutingProperties.class, Map.of("channelshift.routing.backups.all", "nova,alipay"));
    RoutingProperties indexed =
        BoundSettings.bind(
            RoutingProperties.class,
            Map.of(
                "channelshift.routing.backups.all[0]", "alipay",
                "channelshift.routing.backups.all[1]", "nova"));

    assertThat(listed.backupsOf("all")).containsExactly("nova", "alipay");
    assertThat(indexed.backupsOf("all")).containsExactly("alipay", "nova");
  }

  @Test
  void noSetting_noBackups() {
    RoutingProperties none = BoundSettings.bind(RoutingProperties.class, Map.of());

    assertThat(none.backups()).isEmpty();
    assertThat(none.backupsOf("all")).isEmpty();
  }
}
