package io.channelshift.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.channelshift.migration.PlanValidation.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A plan is checked before anything starts, and every problem is named with its field. */
class PlanValidationTest {

  @ParameterizedTest
  @ValueSource(strings = {"default.json", "quick.json"})
  void theShippedPlansAreValid(String file) throws Exception {
    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    MigrationPlan plan =
        json.readValue(Path.of("..", "plans", file).toFile(), MigrationPlan.class).withDefaults();

    assertThat(PlanValidation.problems(plan)).isEmpty();
    assertThat(plan.steps().get(plan.lastStep()).weightBps()).isEqualTo(10_000);
  }

  @Test
  void theTestPlanIsValid() {
    assertThat(PlanValidation.problems(MigrationWorkflowTest.plan("ok", false))).isEmpty();
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    MigrationPlan bad =
        new MigrationPlan(
            "bad id!",
            "legacy",
            "legacy",
            "all",
            List.of(
                new MigrationPlan.Step(500, Duration.ofMinutes(1), 10, false),
                new MigrationPlan.Step(500, Duration.ZERO, -1, false),
                new MigrationPlan.Step(9000, Duration.ofMinutes(1), 10, false)),
            new Gates(new GateRule(1.5, -1, 0), null, null, null, null),
            Duration.ofSeconds(-1),
            null,
            0,
            null,
            null,
            3);

    List<String> fields = PlanValidation.problems(bad).stream().map(Problem::field).toList();

    assertThat(fields)
        .contains(
            "migrationId",
            "toChannel",
            "steps[1].weightBps",
            "steps[1].minDuration",
            "steps[1].minSamples",
            "steps[2].weightBps",
            "evaluationInterval",
            "window",
            "failureLimit",
            "bakePeriod",
            "gates.createSuccessRate.limit",
            "gates.createSuccessRate.maxDifference",
            "gates.createSuccessRate.minSamples",
            "startAtStep");
  }

  @Test
  void everyDurationHasAFloorAndACeiling_atTheBoundIsAccepted_pastItIsNamed() {
    MigrationPlan atBounds =
        withDurations(
            PlanLimits.MIN_INTERVAL,
            PlanLimits.MIN_INTERVAL,
            PlanLimits.MIN_STEP,
            PlanLimits.MIN_INTERVAL,
            PlanLimits.MIN_BAKE);
    MigrationPlan atCeilings =
        withDurations(
            PlanLimits.MAX_INTERVAL,
            PlanLimits.MAX_WINDOW,
            PlanLimits.MAX_STEP,
            PlanLimits.MAX_INCONCLUSIVE,
            PlanLimits.MAX_BAKE);
    Duration tick = Duration.ofMillis(1);
    MigrationPlan belowFloors =
        withDurations(
            PlanLimits.MIN_INTERVAL.minus(tick),
            Duration.ofMillis(500),
            PlanLimits.MIN_STEP.minus(tick),
            Duration.ofMillis(500),
            PlanLimits.MIN_BAKE.minus(tick));
    MigrationPlan pastCeilings =
        withDurations(
            PlanLimits.MAX_INTERVAL.plus(tick),
            PlanLimits.MAX_WINDOW.plus(tick),
            PlanLimits.MAX_STEP.plus(tick),
            PlanLimits.MAX_INCONCLUSIVE.plus(tick),
            PlanLimits.MAX_BAKE.plus(tick));
    List<String> all =
        List.of(
            "evaluationInterval",
            "window",
            "steps[0].minDuration",
            "inconclusiveLimit",
            "bakePeriod");

    assertThat(PlanValidation.problems(atBounds)).isEmpty();
    assertThat(PlanValidation.problems(atCeilings)).isEmpty();
    assertThat(PlanValidation.problems(belowFloors))
        .extracting(Problem::field)
        .containsExactlyInAnyOrderElementsOf(all);
    assertThat(PlanValidation.problems(pastCeilings))
        .extracting(Problem::field)
        .containsExactlyInAnyOrderElementsOf(all);
    assertThat(PlanValidation.problems(pastCeilings))
        .filteredOn(p -> p.field().equals("evaluationInterval"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("PT1S", "PT1H", "got PT1H0.001S"));
  }

  @Test
  void theWindowAndTheInconclusiveLimitAreNeverShorterThanOneInterval() {
    MigrationPlan p =
        withDurations(
            Duration.ofMinutes(5),
            Duration.ofMinutes(4),
            Duration.ofMinutes(1),
            Duration.ofMinutes(4),
            Duration.ofHours(1));

    assertThat(PlanValidation.problems(p))
        .extracting(Problem::field)
        .containsExactlyInAnyOrder("window", "inconclusiveLimit");
  }

  @Test
  void aHugeIntervalDerivesNothing_andIsRefusedNotOverflowed() {
    MigrationPlan huge =
        new MigrationPlan(
            "huge",
            "legacy",
            "nova",
            "all",
            List.of(new MigrationPlan.Step(10_000, Duration.ofMinutes(1), 10, false)),
            null,
            Duration.ofSeconds(Long.MAX_VALUE),
            null,
            0,
            null,
            Duration.ofHours(1));

    MigrationPlan filled =
        huge.withDefaults(); // three intervals would overflow: nothing is derived

    assertThat(PlanValidation.problems(filled))
        .extracting(Problem::field)
        .contains("evaluationInterval", "window", "inconclusiveLimit");
  }

  private static MigrationPlan withDurations(
      Duration interval, Duration window, Duration step, Duration inconclusive, Duration bake) {
    return new MigrationPlan(
        "bounds",
        "legacy",
        "nova",
        "all",
        List.of(new MigrationPlan.Step(10_000, step, 1, false)),
        Gates.DEFAULTS,
        interval,
        window,
        3,
        inconclusive,
        bake);
  }

  @Test
  void defaultsFillWhatThePlanLeavesOut() {
    MigrationPlan sparse =
        new MigrationPlan(
            "sparse",
            "legacy",
            "nova",
            null,
            List.of(new MigrationPlan.Step(10_000, Duration.ofMinutes(1), 10, false)),
            null,
            Duration.ofSeconds(30),
            null,
            0,
            null,
            Duration.ofHours(1));

    MigrationPlan filled = sparse.withDefaults();

    assertThat(filled.scope()).isEqualTo("all");
    assertThat(filled.gates()).isEqualTo(Gates.DEFAULTS);
    assertThat(filled.window()).isEqualTo(Duration.ofSeconds(90));
    assertThat(filled.failureLimit()).isEqualTo(3);
    assertThat(PlanValidation.problems(filled)).isEmpty();
  }
}
