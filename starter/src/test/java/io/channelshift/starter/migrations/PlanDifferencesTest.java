package io.channelshift.starter.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.migration.MigrationPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan sent again under its id differs in exactly the fields that changed, its id aside. */
class PlanDifferencesTest {

  private static MigrationPlan quickPlan() throws IOException {
    return new ObjectMapper()
        .findAndRegisterModules()
        .readValue(Path.of("../plans/quick.json").toFile(), MigrationPlan.class);
  }

  @Test
  void theSamePlanUnderAnotherId_differsInNothing() throws IOException {
    MigrationPlan plan = quickPlan();
    MigrationPlan renamed = with(plan, "other-id", plan.bakePeriod(), plan.startAtStep());

    assertThat(PlanDifferences.between(plan, renamed)).isEmpty();
  }

  @Test
  void changedFields_areNamedInThePlansOrder_theLastOneIncluded() throws IOException {
    MigrationPlan plan = quickPlan();
    MigrationPlan changed =
        with(plan, plan.migrationId(), plan.bakePeriod().plusMinutes(1), plan.startAtStep() + 1);

    assertThat(PlanDifferences.between(plan, changed))
        .isEqualTo(List.of("bakePeriod", "startAtStep"));
  }

  /**
   * The option is compared by itself (a retried start with it changed is another plan: 409), and a
   * plan that leaves it out is the same plan as one that says the default.
   */
  @Test
  void keepOldChannelAsBackup_changed_isADifference_leftOut_isTheDefault() throws IOException {
    MigrationPlan plan = quickPlan();
    MigrationPlan dropsIt = keeping(plan, false);

    assertThat(plan.keepOldChannelAsBackup()).isTrue();
    assertThat(PlanDifferences.between(plan, dropsIt)).containsExactly("keepOldChannelAsBackup");
    assertThat(PlanDifferences.between(plan, keeping(plan, true))).isEmpty();
    assertThat(PlanDifferences.between(plan, keeping(plan, null))).isEmpty();
  }

  private static MigrationPlan keeping(MigrationPlan p, Boolean keep) {
    return new MigrationPlan(
        p.migrationId(),
        p.fromChannel(),
        p.toChannel(),
        p.scope(),
        p.steps(),
        p.gates(),
        p.evaluationInterval(),
        p.window(),
        p.failureLimit(),
        p.inconclusiveLimit(),
        p.bakePeriod(),
        p.startAtStep(),
        keep);
  }

  private static MigrationPlan with(
      MigrationPlan p, String id, Duration bakePeriod, int startAtStep) {
    return new MigrationPlan(
        id,
        p.fromChannel(),
        p.toChannel(),
        p.scope(),
        p.steps(),
        p.gates(),
        p.evaluationInterval(),
        p.window(),
        p.failureLimit(),
        p.inconclusiveLimit(),
        bakePeriod,
        startAtStep);
  }
}
