package io.channelshift.worker;

import io.channelshift.probes.CachedProbe;
import io.channelshift.probes.ProbeResult;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

/**
 * What the worker tells an orchestrator. Liveness is the process alone: Spring's liveness state and
 * no deadlocked threads (a wedged worker is restarted; one whose Temporal is down is not, since a
 * restart would not bring Temporal back). Readiness adds what the worker needs to do its job:
 * Temporal and PostgreSQL answer ({@link CachedProbe}s: bounded, cached) and its workers poll.
 */
final class WorkerHealth {

  /** One answer: up when every check is, each check's state by name. */
  record Answer(boolean up, Map<String, String> checks) {}

  private final ApplicationAvailability availability;
  private final CachedProbe temporal;
  private final CachedProbe postgres;
  private final BooleanSupplier polling;

  WorkerHealth(
      ApplicationAvailability availability,
      CachedProbe temporal,
      CachedProbe postgres,
      BooleanSupplier polling) {
    this.availability = availability;
    this.temporal = temporal;
    this.postgres = postgres;
    this.polling = polling;
  }

  Answer liveness() {
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put(
        "livenessState",
        availability.getLivenessState() == LivenessState.CORRECT ? "UP" : "DOWN: broken");
    long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
    checks.put(
        "threads",
        deadlocked == null ? "UP" : "DOWN: " + deadlocked.length + " threads deadlocked");
    return answer(checks);
  }

  Answer readiness() {
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put(
        "readinessState",
        availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC
            ? "UP"
            : "DOWN: not ready");
    checks.put("workers", polling.getAsBoolean() ? "UP" : "DOWN: not polling");
    checks.put("temporal", text(temporal.result()));
    checks.put("postgresql", text(postgres.result()));
    return answer(checks);
  }

  private static String text(ProbeResult result) {
    return result instanceof ProbeResult.Down down ? "DOWN: " + down.reason() : "UP";
  }

  private static Answer answer(Map<String, String> checks) {
    return new Answer(checks.values().stream().allMatch("UP"::equals), checks);
  }
}
