package io.channelshift.channel;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The store's side of a channel's lifecycle. */
@ActivityInterface
public interface ChannelLifecycleActivities {

  /**
   * Makes the change in the store, which applies the rule again against the state it holds, and for
   * a drain or a retire what only it knows (the routing tables, the payments still open).
   */
  @ActivityMethod(name = "ChangeChannelState")
  ChangeResult changeState(ChannelChange change);
}
