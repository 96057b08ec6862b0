package io.channelshift.migration;

import io.channelshift.migration.GateVerdict.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A migration's whole state inside its workflow: what the status query shows and what
 * continue-as-new carries. Every change of phase, step or weight, every request and every change of
 * the gates' verdicts goes to the timeline with who caused it.
 *
 * <p>Longer than most classes here on purpose: it is what continue-as-new carries, so every field
 * of a migration and every change to one is here, where a field that is not carried over would
 * show.
 */
final class MigrationState {

  /** Who the timeline names for what the workflow did on its own. */
  static final String WORKFLOW = "workflow";

  /**
   * The timeline keeps its newest entries; weeks of baking must not grow the carried state without
   * bound.
   */
  static final int TIMELINE_LIMIT = 500;

  private final String migrationId;
  private final String fromChannel;
  private final String toChannel;
  private final String scope;
  private final long startedAtMs;
  private MigrationPhase phase = MigrationPhase.RAMPING;
  private int step;
  private int weightBps;
  private long routingVersion;
  private int consecutiveFailures;
  private long evaluations;
  private List<GateVerdict> lastVerdicts = List.of();
  private String rollbackReason;
  private long stepStartedAtMs;
  private long bakeStartedAtMs;
  private long inconclusiveSinceMs;
  private long rollbackDecidedAtMs;
  private int continuedAsNew;
  private long lastEvaluatedAtMs;
  private long newChannelPaymentsInStep;
  private boolean baking;
  private final List<TimelineEntry> timeline;

  private MigrationState(MigrationStatus s) {
    migrationId = s.migrationId();
    fromChannel = s.fromChannel();
    toChannel = s.toChannel();
    scope = s.scope();
    startedAtMs = s.startedAtMs();
    phase = s.phase();
    step = s.step();
    weightBps = s.weightBps();
    routingVersion = s.routingVersion();
    consecutiveFailures = s.consecutiveFailures();
    evaluations = s.evaluations();
    lastVerdicts = s.lastVerdicts() == null ? List.of() : s.lastVerdicts();
    rollbackReason = s.rollbackReason();
    stepStartedAtMs = s.stepStartedAtMs();
    bakeStartedAtMs = s.bakeStartedAtMs();
    inconclusiveSinceMs = s.inconclusiveSinceMs();
    rollbackDecidedAtMs = s.rollbackDecidedAtMs();
    continuedAsNew = s.continuedAsNew();
    lastEvaluatedAtMs = s.lastEvaluatedAtMs();
    newChannelPaymentsInStep = s.newChannelPaymentsInStep();
    baking = s.baking();
    timeline = new ArrayList<>(s.timeline() == null ? List.of() : s.timeline());
  }

  static MigrationState start(MigrationPlan plan, long nowMs, String startedBy) {
    MigrationState s =
        new MigrationState(
            MigrationStatus.builder()
                .migrationId(plan.migrationId())
                .fromChannel(plan.fromChannel())
                .toChannel(plan.toChannel())
                .scope(plan.scope())
                .phase(MigrationPhase.RAMPING)
                .lastVerdicts(List.of())
                .startedAtMs(nowMs)
                .stepStartedAtMs(nowMs)
                .lastEvaluatedAtMs(nowMs)
                .timeline(List.of())
                .build());
    s.note(
        nowMs,
        "STARTED",
        startedBy,
        plan.fromChannel()
            + " → "
            + plan.toChannel()
            + " on scope "
            + plan.scope()
            + (plan.startAtStep() > 0 ? ", beginning at step " + (plan.startAtStep() + 1) : ""));
    s.step = plan.startAtStep();
    return s;
  }

  static MigrationState resume(MigrationStatus carried) {
    return new MigrationState(carried);
  }

  MigrationStatus snapshot() {
    return MigrationStatus.builder()
        .migrationId(migrationId)
        .fromChannel(fromChannel)
        .toChannel(toChannel)
        .scope(scope)
        .phase(phase)
        .step(step)
        .weightBps(weightBps)
        .routingVersion(routingVersion)
        .consecutiveFailures(consecutiveFailures)
        .evaluations(evaluations)
        .lastVerdicts(lastVerdicts)
        .rollbackReason(rollbackReason)
        .startedAtMs(startedAtMs)
        .stepStartedAtMs(stepStartedAtMs)
        .bakeStartedAtMs(bakeStartedAtMs)
        .inconclusiveSinceMs(inconclusiveSinceMs)
        .rollbackDecidedAtMs(rollbackDecidedAtMs)
        .continuedAsNew(continuedAsNew)
        .lastEvaluatedAtMs(lastEvaluatedAtMs)
        .newChannelPaymentsInStep(newChannelPaymentsInStep)
        .baking(baking)
        .timeline(List.copyOf(timeline))
        .build();
  }

  // ---- transitions ----

  void phase(MigrationPhase next, long atMs, String by, String detail) {
    if (next != phase) {
      note(atMs, next.name(), by, detail);
      phase = next;
    }
  }

  void applied(int weight, long version, long atMs, String by, String reason) {
    note(
        atMs,
        "WEIGHT",
        by,
        toChannel
            + " "
            + weightBps
            + " → "
            + weight
            + " bps (routing v"
            + version
            + "): "
            + reason);
    weightBps = weight;
    routingVersion = version;
  }

  void stepStarted(long atMs) {
    stepStartedAtMs = atMs;
    newChannelPaymentsInStep = 0;
    inconclusiveSinceMs = 0;
  }

  void nextStep(int next, long atMs, String by, String detail) {
    note(atMs, "PROMOTED", by, detail);
    step = next;
    phase = MigrationPhase.RAMPING;
  }

  void startBaking() {
    baking = true;
  }

  void bakeStarted(long atMs) {
    bakeStartedAtMs = atMs;
  }

  void evaluated(long atMs, List<GateVerdict> verdicts, long newPaymentsInStep) {
    evaluations++;
    lastEvaluatedAtMs = atMs;
    newChannelPaymentsInStep = newPaymentsInStep;
    if (!summary(verdicts).equals(summary(lastVerdicts))) {
      note(atMs, "GATES", "workflow", readable(verdicts));
    }
    lastVerdicts = List.copyOf(verdicts);
    if (verdicts.stream().anyMatch(v -> v.verdict() == Verdict.INCONCLUSIVE)
        && inconclusiveSinceMs == 0) {
      inconclusiveSinceMs = atMs;
    }
  }

  void failed(long atMs, String detail) {
    consecutiveFailures++;
    note(atMs, "GATES FAIL", "workflow", consecutiveFailures + " in a row: " + detail);
  }

  void notFailed() {
    consecutiveFailures = 0;
  }

  void conclusive() {
    inconclusiveSinceMs = 0;
  }

  long inconclusiveFor(long nowMs) {
    return inconclusiveSinceMs == 0 ? 0 : nowMs - inconclusiveSinceMs;
  }

  void rollbackDecided(long atMs) {
    rollbackDecidedAtMs = atMs;
  }

  void rolledBack(String reason) {
    rollbackReason = reason;
  }

  void continuedAsNew() {
    continuedAsNew++;
  }

  void note(long atMs, String event, String by, String detail) {
    timeline.add(new TimelineEntry(atMs, event, by, detail));
    if (timeline.size() > TIMELINE_LIMIT) {
      timeline.remove(1); // the first entry (the start) stays
    }
  }

  private static Map<Gate, Verdict> summary(List<GateVerdict> verdicts) {
    Map<Gate, Verdict> m = new LinkedHashMap<>();
    verdicts.forEach(v -> m.put(v.gate(), v.verdict()));
    return m;
  }

  /**
   * "all 5 gates pass", or each gate that does not pass with its verdict and both channels'
   * numbers.
   */
  private static String readable(List<GateVerdict> verdicts) {
    List<String> notPassing =
        verdicts.stream()
            .filter(v -> v.verdict() != Verdict.PASS)
            .map(
                v ->
                    v.gate()
                        + " "
                        + v.verdict()
                        + " (new "
                        + sample(v.newChannel())
                        + ", old "
                        + sample(v.oldChannel())
                        + ")")
            .toList();
    return notPassing.isEmpty()
        ? "all " + verdicts.size() + " gates pass"
        : String.join("; ", notPassing);
  }

  private static String sample(ChannelSample c) {
    return c == null || c.value() == null
        ? "no value, " + (c == null ? 0 : c.samples()) + " samples"
        : String.format(Locale.ROOT, "%.4g over %d", c.value(), c.samples());
  }

  /** One line for the Temporal UI's current details. */
  String describe(MigrationPlan plan) {
    String gates =
        lastVerdicts.isEmpty()
            ? "no evaluation yet"
            : lastVerdicts.stream()
                .filter(v -> v.verdict() != Verdict.PASS)
                .map(v -> v.gate() + " " + v.verdict())
                .reduce((a, b) -> a + ", " + b)
                .orElse("all gates pass");
    return "**"
        + phase
        + "**: "
        + toChannel
        + " at "
        + weightBps
        + " bps (step "
        + (step + 1)
        + " of "
        + plan.steps().size()
        + "), "
        + gates
        + (consecutiveFailures > 0
            ? ", " + consecutiveFailures + " of " + plan.failureLimit() + " failures"
            : "");
  }

  // ---- reads ----

  MigrationPhase phase() {
    return phase;
  }

  int step() {
    return step;
  }

  int weightBps() {
    return weightBps;
  }

  int consecutiveFailures() {
    return consecutiveFailures;
  }

  long stepStartedAtMs() {
    return stepStartedAtMs;
  }

  long bakeStartedAtMs() {
    return bakeStartedAtMs;
  }

  long lastEvaluatedAtMs() {
    return lastEvaluatedAtMs;
  }

  long newChannelPaymentsInStep() {
    return newChannelPaymentsInStep;
  }

  boolean baking() {
    return baking;
  }

  List<TimelineEntry> timeline() {
    return timeline;
  }
}
