package io.channelshift.starter.scopes;

import io.channelshift.config.ChannelHealthProperties;
import io.channelshift.health.ChannelHealthInput;
import io.channelshift.health.ChannelHealthWorkflow;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.RoutingStore;
import io.channelshift.temporal.TemporalNames;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts a health workflow ({@code channels-{scope}}) for every scope that has a routing table: at
 * boot, then at every health interval for a scope that appeared since, and on demand when an
 * engineer asks about a scope whose workflow is not running. Idempotent: a start of a workflow that
 * runs already is a no-op, so any number of starters may do it. Off with {@code
 * channelshift.health.enabled=false}.
 */
@Component
class HealthWorkflowStarts implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HealthWorkflowStarts.class);

  private final WorkflowClient client;
  private final RoutingStore routing;
  private final ChannelHealthProperties health;
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService scans;

  HealthWorkflowStarts(
      WorkflowClient client, RoutingStore routing, ChannelHealthProperties health) {
    this.client = client;
    this.routing = routing;
    this.health = health;
  }

  /** Starts the scope's workflow unless it runs; true when the scope has a workflow now. */
  boolean ensure(String scope) {
    if (!health.enabled() || routing.current(scope).isEmpty()) {
      return false;
    }
    try {
      WorkflowClient.start(
          client.newWorkflowStub(
                  ChannelHealthWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(TemporalNames.channelHealthWorkflowId(scope))
                      .setTaskQueue(TemporalNames.MIGRATIONS_TASK_QUEUE)
                      .setStaticSummary("channel health of scope " + scope)
                      .build())
              ::run,
          new ChannelHealthInput(scope, null));
      log.info("started the health workflow of scope {}", scope);
    } catch (WorkflowExecutionAlreadyStarted e) {
      // runs already: started by an earlier boot or another starter
    }
    started.add(scope);
    return true;
  }

  /** Every scope with a table that this starter has not seen a workflow for. */
  void scan() {
    try {
      for (RoutingTable table : routing.allCurrent()) {
        if (!started.contains(table.scope())) {
          ensure(table.scope());
        }
      }
    } catch (RuntimeException e) {
      log.warn("could not start the scopes' health workflows; trying again: {}", e.toString());
    }
  }

  @Override
  public void start() {
    if (!health.enabled()) {
      return;
    }
    scans =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "health-workflow-starts");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1_000, health.interval().toMillis());
    scans.scheduleWithFixedDelay(this::scan, 0, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (scans != null) {
      scans.shutdownNow();
      scans = null;
    }
  }

  @Override
  public boolean isRunning() {
    return scans != null;
  }
}
