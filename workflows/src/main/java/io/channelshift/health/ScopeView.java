package io.channelshift.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.channelshift.routing.RoutingTable;

/**
 * What the health workflow sees of its scope at one evaluation.
 *
 * @param table the scope's routing table in force; null when the scope has none
 * @param migrationId the migration running on the scope, which owns its table; null when none
 * @param settings the configuration in force
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScopeView(RoutingTable table, String migrationId, HealthSettings settings) {}
