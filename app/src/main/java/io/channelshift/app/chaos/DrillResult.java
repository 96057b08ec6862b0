package io.channelshift.app.chaos;

import java.util.Map;

/**
 * What one drill did and what it found.
 *
 * @param drill the drill's name
 * @param load the traffic it ran under
 * @param injected what was done to the system, with its times
 * @param requested payment requests sent
 * @param started payments that exist (answered 201, or recorded by the worker though the answer was
 *     lost)
 * @param terminal of those, how many reached a terminal state
 * @param lost payments answered 201 (or recorded) that reached no terminal state
 * @param duplicated orders paid twice plus callbacks applied twice (the ledger's own count)
 * @param invariants each invariant's violations, over the whole database
 * @param notes what else the drill counted (rejected forgeries, refunds after close, ...)
 */
public record DrillResult(
    String drill,
    String load,
    String injected,
    int requested,
    int started,
    int terminal,
    int lost,
    long duplicated,
    Map<String, Long> invariants,
    Map<String, Object> notes) {

  public boolean ok() {
    return lost == 0 && duplicated == 0 && invariants.values().stream().allMatch(v -> v == 0);
  }
}
