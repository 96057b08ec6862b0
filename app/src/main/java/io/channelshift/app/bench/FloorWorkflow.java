package io.channelshift.app.bench;

import io.channelshift.payment.Checkout;
import io.channelshift.payment.CheckoutRequest;
import io.channelshift.payment.ProviderCallback;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The benchmark's floor: a workflow of the payment's happy-path shape (update-with-start answered
 * after two local activities, the risk check and the create; one timer raced against one signal;
 * then one activity, the fulfilment) whose activities do nothing. What a payment costs above this
 * is what ChannelShift adds.
 */
@WorkflowInterface
public interface FloorWorkflow {

  @WorkflowMethod
  void run(String orderId);

  @UpdateMethod
  Checkout checkout(CheckoutRequest request);

  @SignalMethod
  void providerCallback(ProviderCallback callback);
}
