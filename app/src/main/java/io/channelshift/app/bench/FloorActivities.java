package io.channelshift.app.bench;

import io.temporal.activity.ActivityInterface;

/** The floor's activities: the same count as a payment's happy path, doing nothing. */
@ActivityInterface
public interface FloorActivities {

  String create(String orderId);

  void fulfil(String orderId);
}
