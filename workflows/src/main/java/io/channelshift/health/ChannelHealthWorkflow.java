package io.channelshift.health;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Watches one routing scope's channels for as long as the scope exists, fails its traffic over to a
 * backup when the primary channel keeps failing its gates and back when it has recovered. Workflow
 * ID {@code channels-{scope}}. Every engineer request exists as a signal (for {@code temporal
 * workflow signal}; a refused one is written to the timeline) and as the update {@code request}
 * whose validator refuses at once with the reason (the REST API and the CLI use it).
 */
@WorkflowInterface
public interface ChannelHealthWorkflow {

  @WorkflowMethod
  ChannelHealthStatus run(ChannelHealthInput input);

  @QueryMethod(
      name = "status",
      description = "Mode, primary, failover in force, hold, last verdicts per channel, timeline")
  ChannelHealthStatus status();

  @SignalMethod(
      name = "failover",
      description = "Move the primary's traffic to a backup now (reason required; target optional)")
  void failover(ScopeRequest request);

  @SignalMethod(name = "failback", description = "Move the traffic back to the failed channel now")
  void failback(ScopeRequest request);

  @SignalMethod(name = "hold", description = "Hold automatic failover and failback")
  void hold(ScopeRequest request);

  @SignalMethod(name = "release", description = "Release the hold")
  void release(ScopeRequest request);

  @UpdateMethod(
      name = "request",
      description = "An engineer request, refused at once with the reason if invalid")
  ChannelHealthStatus request(HealthAction action);

  @UpdateValidatorMethod(updateName = "request")
  void validateRequest(HealthAction action);
}
