package io.channelshift.migration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks on a plan that need nothing but the plan: every problem is named with its field, so a
 * refused plan can be fixed in one go. Whether the channels exist and the scope is free is checked
 * where that is known.
 */
public final class PlanValidation {

  /**
   * One problem with a plan: the JSON field (a path such as {@code steps[2].weightBps}) and what is
   * wrong.
   */
  public record Problem(String field, String message) {}

  private PlanValidation() {}

  public static List<Problem> problems(MigrationPlan p) {
    List<Problem> problems = new ArrayList<>();
    if (p == null) {
      problems.add(new Problem("", "a plan is required"));
      return problems;
    }
    text(problems, "migrationId", p.migrationId());
    if (p.migrationId() != null && !p.migrationId().matches("[A-Za-z0-9._-]{1,64}")) {
      problems.add(
          new Problem("migrationId", "letters, digits, '.', '_' and '-' only, at most 64"));
    }
    text(problems, "fromChannel", p.fromChannel());
    text(problems, "toChannel", p.toChannel());
    text(problems, "scope", p.scope());
    if (p.fromChannel() != null && p.fromChannel().equals(p.toChannel())) {
      problems.add(new Problem("toChannel", "must differ from fromChannel"));
    }
    steps(problems, p.steps());
    Duration interval = p.evaluationInterval();
    between(
        problems, "evaluationInterval", interval, PlanLimits.MIN_INTERVAL, PlanLimits.MAX_INTERVAL);
    // The window and the inconclusive limit are measured in intervals: never shorter than one.
    Duration atLeastInterval =
        PlanLimits.usableInterval(interval) ? interval : PlanLimits.MIN_INTERVAL;
    between(problems, "window", p.window(), atLeastInterval, PlanLimits.MAX_WINDOW);
    between(
        problems,
        "inconclusiveLimit",
        p.inconclusiveLimit(),
        atLeastInterval,
        PlanLimits.MAX_INCONCLUSIVE);
    between(problems, "bakePeriod", p.bakePeriod(), PlanLimits.MIN_BAKE, PlanLimits.MAX_BAKE);
    if (p.failureLimit() < 1) {
      problems.add(new Problem("failureLimit", "must be at least 1"));
    }
    if (p.gates() != null) {
      gates(problems, p.gates());
    }
    if (p.startAtStep() < 0
        || p.steps() != null && !p.steps().isEmpty() && p.startAtStep() >= p.steps().size()) {
      problems.add(
          new Problem(
              "startAtStep",
              "must name one of the plan's steps (0.."
                  + (p.steps() == null ? 0 : Math.max(0, p.steps().size() - 1))
                  + ")"));
    }
    return problems;
  }

  private static void steps(List<Problem> problems, List<MigrationPlan.Step> steps) {
    if (steps == null || steps.isEmpty()) {
      problems.add(new Problem("steps", "at least one step is required"));
      return;
    }
    int previous = 0;
    for (int i = 0; i < steps.size(); i++) {
      MigrationPlan.Step s = steps.get(i);
      String at = "steps[" + i + "]";
      if (s == null) {
        problems.add(new Problem(at, "is empty"));
        continue;
      }
      if (s.weightBps() <= previous || s.weightBps() > 10_000) {
        problems.add(
            new Problem(
                at + ".weightBps",
                "weights must rise strictly within 1..10000; got "
                    + s.weightBps()
                    + " after "
                    + previous));
      }
      previous = Math.max(previous, s.weightBps());
      between(
          problems, at + ".minDuration", s.minDuration(), PlanLimits.MIN_STEP, PlanLimits.MAX_STEP);
      if (s.minSamples() < 0) {
        problems.add(new Problem(at + ".minSamples", "must not be negative"));
      }
    }
    if (steps.get(steps.size() - 1) != null && steps.get(steps.size() - 1).weightBps() != 10_000) {
      problems.add(
          new Problem(
              "steps[" + (steps.size() - 1) + "].weightBps", "the last step must be 10000"));
    }
  }

  private static void gates(List<Problem> problems, Gates gates) {
    for (Gate gate : Gate.values()) {
      GateRule rule = gates.rule(gate);
      if (rule == null) {
        continue;
      }
      String at = "gates." + gate.field();
      if (rule.limit() < 0 || gate.rate() && rule.limit() > 1) {
        problems.add(
            new Problem(at + ".limit", gate.rate() ? "must be a rate in 0..1" : "must be >= 0"));
      }
      if (rule.maxDifference() < 0) {
        problems.add(new Problem(at + ".maxDifference", "must not be negative"));
      }
      if (rule.minSamples() < 1) {
        problems.add(new Problem(at + ".minSamples", "must be at least 1"));
      }
    }
  }

  private static void text(List<Problem> problems, String field, String value) {
    if (value == null || value.isBlank()) {
      problems.add(new Problem(field, "is required"));
    }
  }

  /**
   * A duration inside its limits; the message names both, so a refused plan can be fixed in one go.
   */
  private static void between(
      List<Problem> problems, String field, Duration d, Duration min, Duration max) {
    if (d == null || !PlanLimits.within(d, min, max)) {
      problems.add(
          new Problem(
              field,
              "must be a duration from "
                  + min
                  + " to "
                  + max
                  + " (ISO-8601, e.g. PT30S)"
                  + (d == null ? "" : "; got " + d)));
    }
  }
}
