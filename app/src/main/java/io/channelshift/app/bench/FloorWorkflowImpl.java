package io.channelshift.app.bench;

import io.channelshift.payment.Checkout;
import io.channelshift.payment.CheckoutRequest;
import io.channelshift.payment.PaymentStatus;
import io.channelshift.payment.ProviderCallback;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** See {@link FloorWorkflow}. */
public class FloorWorkflowImpl implements FloorWorkflow {

  private final FloorActivities local =
      Workflow.newLocalActivityStub(
          FloorActivities.class,
          LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
  private final FloorActivities remote =
      Workflow.newActivityStub(
          FloorActivities.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

  private Checkout checkout;
  private boolean paid;

  @Override
  public void run(String orderId) {
    local.assess(orderId);
    String payUrl = local.create(orderId);
    checkout = new Checkout(orderId, PaymentStatus.AWAITING_PAYMENT, "floor", payUrl, 0, null);
    Workflow.await(Duration.ofMinutes(10), () -> paid);
    remote.fulfil(orderId);
  }

  @Override
  public Checkout checkout(CheckoutRequest request) {
    Workflow.await(() -> checkout != null);
    return checkout;
  }

  @Override
  public void providerCallback(ProviderCallback callback) {
    paid = true;
  }
}
