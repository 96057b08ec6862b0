package io.channelshift.health;

import io.channelshift.migration.RequestDecision;
import io.channelshift.migration.RequestDecision.Refused;
import java.util.Locale;

/**
 * Which engineer requests a scope accepts in which state, and why it refuses the others (the
 * migrations' conventions). Judged on what the workflow last saw; the loop judges a failover again
 * on a fresh look, and the store once more under the routing lock.
 */
final class HealthRequests {

  /**
   * The REST API's limit on an engineer's text; a signal sent straight to Temporal is held to it
   * too, so nobody can grow the state every run carries.
   */
  static final int MAX_TEXT = 256;

  private HealthRequests() {}

  static RequestDecision decide(HealthAction a, HealthState s) {
    if (a == null || a.action() == null) {
      return new Refused("no action given");
    }
    if (a.reason() == null || a.reason().isBlank()) {
      return new Refused("a " + a.action().name().toLowerCase(Locale.ROOT) + " needs a reason");
    }
    if (a.reason().length() > MAX_TEXT
        || a.by() != null && a.by().length() > MAX_TEXT
        || a.target() != null && a.target().length() > MAX_TEXT) {
      return new Refused("reason, by and target are at most " + MAX_TEXT + " characters");
    }
    return switch (a.action()) {
      case FAILOVER -> failover(a, s);
      case FAILBACK ->
          s.mode() == HealthMode.WATCHING
              ? new Refused("scope " + s.scope() + " is not failed over")
              : RequestDecision.ACCEPTED;
      case HOLD ->
          s.hold() != null
              ? new Refused("already held by " + s.hold().by() + ": " + s.hold().reason())
              : RequestDecision.ACCEPTED;
      case RELEASE ->
          s.hold() == null
              ? new Refused("automatic failover of scope " + s.scope() + " is not held")
              : RequestDecision.ACCEPTED;
    };
  }

  private static RequestDecision failover(HealthAction a, HealthState s) {
    if (s.mode() != HealthMode.WATCHING) {
      return new Refused(
          "already failed over from "
              + s.failover().from()
              + " to "
              + s.failover().to()
              + "; fail back first");
    }
    if (s.migrationId() != null) {
      return new Refused(migrationOwns(s.migrationId(), s.scope()));
    }
    if (s.primary() == null) {
      return new Refused("scope " + s.scope() + " has no routing table yet");
    }
    if (a.target() != null) {
      if (a.target().equals(s.primary())) {
        return new Refused(a.target() + " is the primary channel already");
      }
      if (!s.backups().contains(a.target())) {
        return new Refused(
            a.target()
                + " is not a backup of scope "
                + s.scope()
                + " (backups: "
                + s.backups()
                + ")");
      }
    } else if (s.backups().stream().noneMatch(b -> !b.equals(s.primary()))) {
      return new Refused("scope " + s.scope() + " has no backup channel to fail over to");
    }
    return RequestDecision.ACCEPTED;
  }

  static String migrationOwns(String migrationId, String scope) {
    return "migration "
        + migrationId
        + " runs on scope "
        + scope
        + " and owns its routing table (roll it back or wait for its end)";
  }
}
