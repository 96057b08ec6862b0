package io.channelshift.app.chaos;

import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.sandbox.FaultSettings;
import io.channelshift.sandbox.SandboxServer;

/**
 * The channel misbehaves: a burst of 5xx, then slow answers, then a full outage; then it is healthy
 * again.
 */
final class ProviderFaultsDrill implements Drill {

  @Override
  public String id() {
    return "provider-faults";
  }

  @Override
  public String inject(ChaosContext c) {
    SandboxServer legacy = c.stack().sandbox(EmbeddedStack.LEGACY);
    long phaseMs = c.heavy() ? 10_000 : 3_000;
    long outageMs = c.heavy() ? 60_000 : 5_000;
    legacy.setFaults(new FaultSettings(0, 0.5, 1, 0, 0, 0, 0, false, false));
    c.sleep(phaseMs);
    legacy.setFaults(new FaultSettings(2_500, 0, 1, 0, 0, 0, 0, false, false));
    c.sleep(phaseMs);
    legacy.setFaults(new FaultSettings(0, 0, 1, 0, 0, 0, 0, false, true));
    c.sleep(outageMs);
    legacy.setFaults(FaultSettings.NONE);
    return "legacy: 50% 5xx for "
        + phaseMs / 1000
        + " s, 2.5 s answers for "
        + phaseMs / 1000
        + " s, outage for "
        + outageMs / 1000
        + " s";
  }
}
