package io.channelshift.app.chaos;

import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.PaymentLoad;
import io.channelshift.app.embedded.EmbeddedStack;
import java.util.Map;

/**
 * What a drill can reach: the stack, its API, the worker process, a place for what it counted
 * ({@code notes}) and for checks of its own that must come out 0, reported beside the invariants
 * ({@code checks}).
 */
record ChaosContext(
    EmbeddedStack stack,
    DemoClient api,
    WorkerProcess worker,
    PaymentLoad load,
    boolean heavy,
    Map<String, Object> notes,
    Map<String, Long> checks) {

  void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
