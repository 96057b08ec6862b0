package io.channelshift.starter.migrations;

import io.channelshift.migration.MigrationPlan;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What differs between the plan a migration id was started with and a plan sent again under that
 * id: none means a retried start, which is answered; any means another plan, which needs a new id.
 * Every component of the plan but its id is compared, read from the record itself, so a field added
 * to the plan is compared without anyone remembering to list it here.
 */
final class PlanDifferences {

  private PlanDifferences() {}

  /**
   * The names of the plan fields whose values differ, in the plan's order; empty when the plans are
   * the same.
   */
  static List<String> between(MigrationPlan before, MigrationPlan plan) {
    List<String> differ = new ArrayList<>();
    for (RecordComponent field : MigrationPlan.class.getRecordComponents()) {
      if (!field.getName().equals("migrationId")
          && !Objects.equals(value(field, before), value(field, plan))) {
        differ.add(field.getName());
      }
    }
    return differ;
  }

  private static Object value(RecordComponent field, MigrationPlan plan) {
    try {
      return field.getAccessor().invoke(plan);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + field.getName() + " of a plan", e);
    }
  }
}
