package io.channelshift.starter;

import io.channelshift.config.RoutingProperties;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.routing.RoutingTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The backup channels configured for the first routing table ({@code
 * channelshift.routing.backups}), checked before anything is written: start-up stops on a list it
 * cannot use rather than routing failovers to a channel that is not there.
 */
final class InitialBackups {

  private InitialBackups() {}

  /**
   * Every problem with the configured backups, each naming its setting; empty when they can be
   * used.
   */
  static List<String> problems(RoutingProperties routing, ProviderRegistry providers) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<String>> scope : routing.backups().entrySet()) {
      String setting = "channelshift.routing.backups." + scope.getKey();
      if (!scope.getKey().equals(RoutingTable.ALL)) {
        problems.add(
            setting
                + ": only the '"
                + RoutingTable.ALL
                + "' scope gets a table at start-up; set a product type's backups with PUT"
                + " /api/routes/{scope}/backups once it has a table");
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (String channel : scope.getValue() == null ? List.<String>of() : scope.getValue()) {
        if (channel == null || providers.find(channel).isEmpty() || providers.disabled(channel)) {
          problems.add(
              setting
                  + ": "
                  + channel
                  + " is not a configured, enabled channel (configured: "
                  + providers.channels()
                  + ")");
        } else if (!seen.add(channel)) {
          problems.add(setting + ": " + channel + " is listed twice");
        }
      }
    }
    return problems;
  }
}
