package io.channelshift.channel;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One channel's lifecycle (ACTIVE, DRAINING, RETIRED), for as long as the channel exists. Workflow
 * ID {@code channel-{name}}, started by the first change with update-with-start; it continues as
 * new after a bounded number of changes, so it can live for months. Every change is an update whose
 * validator refuses a request that the rule refuses from the state it holds, without a trace in
 * history; the handler records the change through the store, which can still refuse it (a drain
 * that would strand a scope, a retire with payments open).
 */
@WorkflowInterface
public interface ChannelLifecycleWorkflow {

  @WorkflowMethod
  void run(ChannelLifecycleInput input);

  @UpdateMethod(
      name = "change",
      description = "Drain, retire or activate the channel (reason required); refused with why")
  ChannelStatus change(ChannelChange change);

  @UpdateValidatorMethod(updateName = "change")
  void validateChange(ChannelChange change);

  @QueryMethod(name = "lifecycle", description = "The channel's state and its latest changes")
  ChannelLifecycleView lifecycle();
}
