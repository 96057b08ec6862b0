package io.channelshift.activities.channel;

import io.channelshift.channel.ChangeResult;
import io.channelshift.channel.ChannelChange;
import io.channelshift.channel.ChannelLifecycleActivities;
import io.channelshift.store.ChannelLifecycleStore;
import java.time.Duration;

/**
 * Records a channel's state change in the store, which applies the rule again and refuses a drain
 * that would strand a scope or a retire while payments are open (counting the after-sales window
 * the payments are configured with).
 */
public class ChannelLifecycleActivitiesImpl implements ChannelLifecycleActivities {

  private final ChannelLifecycleStore store;
  private final Duration afterSalesWindow;

  public ChannelLifecycleActivitiesImpl(ChannelLifecycleStore store, Duration afterSalesWindow) {
    this.store = store;
    this.afterSalesWindow = afterSalesWindow;
  }

  @Override
  public ChangeResult changeState(ChannelChange change) {
    ChannelLifecycleStore.Outcome outcome = store.change(change, afterSalesWindow);
    if (outcome instanceof ChannelLifecycleStore.Changed changed) {
      return new ChangeResult.Changed(changed.status());
    }
    ChannelLifecycleStore.Refused refused = (ChannelLifecycleStore.Refused) outcome;
    return new ChangeResult.Refused(refused.why(), store.status(change.channel()), refused.open());
  }
}
