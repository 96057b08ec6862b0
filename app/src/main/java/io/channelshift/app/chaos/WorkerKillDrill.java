package io.channelshift.app.chaos;

/**
 * The worker process is killed with SIGKILL in the middle of the load, and started again a few
 * seconds later.
 */
final class WorkerKillDrill implements Drill {

  @Override
  public String id() {
    return "worker-kill";
  }

  @Override
  public String inject(ChaosContext c) throws Exception {
    long downMs = c.heavy() ? 15_000 : 3_000;
    c.worker().kill();
    c.sleep(downMs);
    c.worker().start();
    return "kill -9 of the worker; restarted " + downMs / 1000 + " s later";
  }
}
