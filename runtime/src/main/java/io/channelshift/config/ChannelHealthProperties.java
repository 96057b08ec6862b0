package io.channelshift.config;

import io.channelshift.health.HealthSettings;
import io.channelshift.migration.Gates;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Channel health and failover per scope ({@code channelshift.health.*}): the scope health workflows
 * ({@code channels-{scope}}) read these at every evaluation, so a change applies at the next one
 * after the worker restarts with it.
 *
 * @param enabled whether the starter starts a health workflow for every scope with a routing table;
 *     default true.
 * @param interval how often each scope's channels are measured; default 30 s.
 * @param window how far back a measurement looks; default three intervals (as migrations).
 * @param failureLimit failing evaluations of the primary in a row before it fails over; default 3.
 * @param probeBps the share kept on a failed channel to probe it, in basis points; default 100
 *     (1%). 0 probes nothing, and the channel then fails back only by an engineer's request.
 * @param healthyPeriod how long a failed channel must stay healthy before it fails back; default 10
 *     min.
 * @param failbackNeedsApproval true to wait for an engineer's failback instead; default false.
 * @param gates the gate limits, each missing one the migrations' default ({@link Gates#DEFAULTS}).
 */
@ConfigurationProperties("channelshift.health")
public record ChannelHealthProperties(
    Boolean enabled,
    Duration interval,
    Duration window,
    Integer failureLimit,
    Integer probeBps,
    Duration healthyPeriod,
    Boolean failbackNeedsApproval,
    Gates gates) {

  public ChannelHealthProperties {
    enabled = enabled == null || enabled;
    HealthSettings d = HealthSettings.DEFAULTS;
    interval = interval == null ? d.interval() : interval;
    window = window == null ? interval.multipliedBy(3) : window;
    failureLimit = failureLimit == null ? d.failureLimit() : failureLimit;
    probeBps = probeBps == null ? d.probeBps() : probeBps;
    healthyPeriod = healthyPeriod == null ? d.healthyPeriod() : healthyPeriod;
    failbackNeedsApproval = failbackNeedsApproval != null && failbackNeedsApproval;
    gates = gates == null ? Gates.DEFAULTS : gates.withDefaults();
    settings(interval, window, failureLimit, probeBps, healthyPeriod, failbackNeedsApproval, gates);
  }

  /** What the workflows read; checked at start-up (a probe share out of range stops it here). */
  public HealthSettings settings() {
    return settings(
        interval, window, failureLimit, probeBps, healthyPeriod, failbackNeedsApproval, gates);
  }

  private static HealthSettings settings(
      Duration interval,
      Duration window,
      int failureLimit,
      int probeBps,
      Duration healthyPeriod,
      boolean approval,
      Gates gates) {
    if (interval.isNegative() || interval.isZero() || failureLimit < 1) {
      throw new IllegalArgumentException(
          "channelshift.health: interval must be positive and failure-limit at least 1");
    }
    return new HealthSettings(
        interval, window, failureLimit, probeBps, healthyPeriod, approval, gates);
  }
}
