package io.channelshift.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.migration.EngineerAction.Action;
import io.channelshift.migration.RequestDecision.Accepted;
import io.channelshift.migration.RequestDecision.Refused;
import org.junit.jupiter.api.Test;

/** Which engineer requests a ramping migration takes, and the reason it gives for the others. */
class RequestsTest {

  private final MigrationPlan plan = MigrationWorkflowTest.plan("m-1", false);
  private final MigrationState ramping = MigrationState.start(plan, 0, "alice");

  @Test
  void givenARampingMigration_aPauseIsAccepted() {
    assertThat(Requests.decide(new EngineerAction(Action.PAUSE, "bob", null), ramping, plan))
        .isInstanceOf(Accepted.class);
  }

  @Test
  void givenARampingMigration_aResumeIsRefusedWithThePhase() {
    assertThat(Requests.decide(new EngineerAction(Action.RESUME, "bob", null), ramping, plan))
        .isEqualTo(new Refused("not paused (phase RAMPING)"));
  }

  @Test
  void givenARollbackWithoutReason_itIsRefused() {
    assertThat(Requests.decide(new EngineerAction(Action.ROLLBACK, "bob", " "), ramping, plan))
        .isEqualTo(new Refused("a rollback needs a reason"));
  }

  @Test
  void givenNoAction_itIsRefused() {
    assertThat(Requests.decide(null, ramping, plan)).isEqualTo(new Refused("no action given"));
  }
}
