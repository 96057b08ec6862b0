package io.channelshift.starter.migrations;

import io.channelshift.migration.MigrationPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What differs between the plan a migration id was started with and a plan sent again under that
 * id: none means a retried start, which is answered; any means another plan, which needs a new id.
 */
final class PlanDifferences {

  private PlanDifferences() {}

  /**
   * The names of the plan fields whose values differ, in the plan's order; empty when the plans are
   * the same.
   */
  static List<String> between(MigrationPlan before, MigrationPlan plan) {
    Map<String, Function<MigrationPlan, Object>> fields = new LinkedHashMap<>();
    fields.put("fromChannel", MigrationPlan::fromChannel);
    fields.put("toChannel", MigrationPlan::toChannel);
    fields.put("scope", MigrationPlan::scope);
    fields.put("steps", MigrationPlan::steps);
    fields.put("gates", MigrationPlan::gates);
    fields.put("evaluationInterval", MigrationPlan::evaluationInterval);
    fields.put("window", MigrationPlan::window);
    fields.put("failureLimit", MigrationPlan::failureLimit);
    fields.put("inconclusiveLimit", MigrationPlan::inconclusiveLimit);
    fields.put("bakePeriod", MigrationPlan::bakePeriod);
    fields.put("startAtStep", MigrationPlan::startAtStep);
    List<String> differ = new ArrayList<>();
    fields.forEach(
        (name, value) -> {
          if (!Objects.equals(value.apply(before), value.apply(plan))) {
            differ.add(name);
          }
        });
    return differ;
  }
}
