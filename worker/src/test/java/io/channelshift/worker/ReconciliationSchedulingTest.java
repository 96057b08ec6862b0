package io.channelshift.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.reconciliation.DailyReconciliation;
import io.channelshift.reconciliation.ReconciliationScheduler;
import io.channelshift.temporal.TemporalNames;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleRange;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The daily Temporal Schedule as the worker creates it on a real cluster (the embedded test server
 * has no Schedules, so this is as far as a test here can take it).
 */
class ReconciliationSchedulingTest {

  @Test
  void
      theScheduleStartsTheDailyReconciliationOfThePreviousDayAtTheConfiguredTimeNeverTwiceAtOnce() {
    Schedule schedule =
        ReconciliationScheduling.dailySchedule(new ReconciliationScheduler("03:45"));

    ScheduleCalendarSpec calendar = schedule.getSpec().getCalendars().get(0);
    assertThat(calendar.getHour()).containsExactly(new ScheduleRange(3));
    assertThat(calendar.getMinutes()).containsExactly(new ScheduleRange(45));
    assertThat(schedule.getSpec().getTimeZoneName()).isEqualTo("UTC");
    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) schedule.getAction();
    assertThat(action.getWorkflowType()).isEqualTo("DailyReconciliationWorkflow");
    assertThat(action.getOptions().getTaskQueue())
        .isEqualTo(TemporalNames.RECONCILIATION_TASK_QUEUE);
    assertThat(action.getArguments().get(0, DailyReconciliation.class))
        .isEqualTo(new DailyReconciliation(null));
    assertThat(schedule.getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    assertThat(schedule.getPolicy().getCatchupWindow()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void anUnknownModeOrTimeStopsTheWorkerWithWhatIsAllowed() {
    assertThatThrownBy(
            () ->
                ReconciliationScheduling.ensure("cron", new ReconciliationScheduler("02:00"), null))
        .hasMessageContaining("schedule, workflow or off");
    assertThatThrownBy(() -> new ReconciliationScheduler("25:00")).hasMessageContaining("HH:mm");
  }
}
