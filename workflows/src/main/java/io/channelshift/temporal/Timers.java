package io.channelshift.temporal;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/** Workflow-side waiting with a visible timer. */
public final class Timers {

  private Timers() {}

  /**
   * Waits until the condition holds or the duration passes, on a timer with a summary (the Temporal
   * UI shows what the workflow waits for), cancelled when the condition wins. Returns true when the
   * time ran out.
   */
  public static boolean awaitOrTimeout(
      Duration duration, String summary, Supplier<Boolean> condition) {
    @SuppressWarnings("unchecked")
    Promise<Void>[] timer = new Promise[1];
    CancellationScope scope =
        Workflow.newCancellationScope(
            () ->
                timer[0] =
                    Workflow.newTimer(
                        duration, TimerOptions.newBuilder().setSummary(summary).build()));
    scope.run();
    Workflow.await(() -> timer[0].isCompleted() || condition.get());
    if (condition.get()) {
      if (!timer[0].isCompleted()) {
        scope.cancel();
      }
      return false;
    }
    return true;
  }
}
