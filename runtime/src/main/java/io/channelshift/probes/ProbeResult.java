package io.channelshift.probes;

/** What one look at a dependency found: up, or down with a short reason safe to show to anyone. */
public sealed interface ProbeResult {

  boolean up();

  /** The dependency answered in time. */
  record Up() implements ProbeResult {
    @Override
    public boolean up() {
      return true;
    }
  }

  /**
   * The dependency did not answer, or answered an error, in time. The reason names a kind of
   * failure ("no answer within 2000 ms", "UNAVAILABLE"), never an address or a credential.
   */
  record Down(String reason) implements ProbeResult {
    @Override
    public boolean up() {
      return false;
    }
  }

  ProbeResult UP = new Up();

  static ProbeResult down(String reason) {
    return new Down(reason);
  }
}
