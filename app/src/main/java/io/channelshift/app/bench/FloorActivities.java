package io.channelshift.app.bench;

import io.temporal.activity.ActivityInterface;

/** The floor's activities: the same count as a payment's happy path, doing nothing. */
@ActivityInterface
public interface FloorActivities {

  /** Where the payment's risk check runs. */
  boolean assess(String orderId);

  String create(String orderId);

  void fulfil(String orderId);
}
