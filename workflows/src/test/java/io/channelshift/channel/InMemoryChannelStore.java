package io.channelshift.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store's side for workflow tests: applies the rule like the store does, and refuses a retire
 * while {@link #open} payments are open.
 */
class InMemoryChannelStore implements ChannelLifecycleActivities {

  final AtomicInteger calls = new AtomicInteger();
  final List<ChannelChange> made = new ArrayList<>();
  volatile OpenPayments open = new OpenPayments(0, 0, List.of(), 0);
  private ChannelStatus status;
  private long clock = 1_000;

  InMemoryChannelStore(String channel) {
    this.status = ChannelStatus.untouched(channel);
  }

  @Override
  public synchronized ChangeResult changeState(ChannelChange change) {
    calls.incrementAndGet();
    var refusal = change.action().refusalFrom(status.state());
    if (refusal.isPresent()) {
      return new ChangeResult.Refused(refusal.get(), status, null);
    }
    if (change.action() == LifecycleAction.RETIRE && open.total() > 0) {
      return new ChangeResult.Refused("still holds " + open.total(), status, open);
    }
    made.add(change);
    status =
        new ChannelStatus(
            change.channel(), change.action().target(), change.reason(), change.by(), ++clock);
    return new ChangeResult.Changed(status);
  }

  synchronized ChannelStatus status() {
    return status;
  }
}
