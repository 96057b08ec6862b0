package io.channelshift.app.chaos;

/** One fault drill: what it injects while the payment load runs. */
interface Drill {

  /** Short name, used in order ids and in {@code --drills}. */
  String id();

  /**
   * Injects the fault and repairs it; returns what was done, for the report. Runs in the middle of
   * the load.
   */
  String inject(ChaosContext context) throws Exception;
}
