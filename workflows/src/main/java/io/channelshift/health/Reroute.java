package io.channelshift.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * A new routing table for a scope's failover or failback, written only if the table in force is
 * still {@code expectedVersion} and no migration runs on the scope (checked under the routing lock,
 * in the write's transaction).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Reroute(
    String scope,
    Kind kind,
    long expectedVersion,
    Map<String, Integer> weightsBps,
    List<String> backups,
    String from,
    String to,
    String by,
    String reason) {

  public enum Kind {
    FAILOVER,
    FAILBACK
  }
}
