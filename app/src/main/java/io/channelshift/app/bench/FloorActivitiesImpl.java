package io.channelshift.app.bench;

/** Does nothing but note when the floor's last activity ran, the floor's end of a payment. */
final class FloorActivitiesImpl implements FloorActivities {

  private final Completions completions;

  FloorActivitiesImpl(Completions completions) {
    this.completions = completions;
  }

  @Override
  public boolean assess(String orderId) {
    return true;
  }

  @Override
  public String create(String orderId) {
    return "floor://" + orderId;
  }

  @Override
  public void fulfil(String orderId) {
    completions.ended(orderId);
  }
}
