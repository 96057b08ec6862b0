package io.channelshift.worker;

import io.channelshift.activities.health.ChannelHealthActivitiesImpl;
import io.channelshift.activities.migration.MigrationActivitiesImpl;
import io.channelshift.activities.payment.PaymentActivitiesImpl;
import io.channelshift.activities.reconciliation.ReconciliationActivitiesImpl;
import io.channelshift.channel.ChannelLifecycleActivities;
import io.channelshift.channel.ChannelLifecycleWorkflowImpl;
import io.channelshift.health.ChannelHealthWorkflowImpl;
import io.channelshift.migration.MigrationWorkflowImpl;
import io.channelshift.payment.PaymentWorkflowImpl;
import io.channelshift.reconciliation.DailyReconciliationWorkflowImpl;
import io.channelshift.reconciliation.ReconciliationSchedulerWorkflowImpl;
import io.channelshift.reconciliation.ReconciliationWorkflowImpl;
import io.channelshift.temporal.TemporalNames;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The workers of the payment, migration and reconciliation task queues, started with the
 * application context and drained when it stops. Migrations have a task queue of their own so that
 * a burst of payments never delays a rollback.
 */
public class PaymentWorkers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PaymentWorkers.class);

  private final WorkerFactory factory;
  private volatile boolean running;

  /** Worker settings of the payment task queue; the benchmark gives its floor the same. */
  public static final WorkerOptions OPTIONS =
      WorkerOptions.newBuilder()
          .setMaxConcurrentActivityExecutionSize(100)
          .setMaxConcurrentLocalActivityExecutionSize(100)
          .setMaxConcurrentWorkflowTaskExecutionSize(100)
          .build();

  public PaymentWorkers(
      WorkflowClient client,
      PaymentActivitiesImpl activities,
      MigrationActivitiesImpl migrationActivities,
      ReconciliationActivitiesImpl reconciliationActivities,
      ChannelHealthActivitiesImpl channelHealthActivities) {
    this.factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(TemporalNames.PAYMENTS_TASK_QUEUE, OPTIONS);
    worker.registerWorkflowImplementationTypes(PaymentWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    Worker migrations = factory.newWorker(TemporalNames.MIGRATIONS_TASK_QUEUE);
    migrations.registerWorkflowImplementationTypes(MigrationWorkflowImpl.class);
    // The scope health workflows share the migrations' queue: neither waits behind payments, and a
    // failover is as urgent as a rollback.
    migrations.registerWorkflowImplementationTypes(ChannelHealthWorkflowImpl.class);
    migrations.registerActivitiesImplementations(migrationActivities, channelHealthActivities);
    Worker reconciliation = factory.newWorker(TemporalNames.RECONCILIATION_TASK_QUEUE);
    reconciliation.registerWorkflowImplementationTypes(
        ReconciliationWorkflowImpl.class,
        DailyReconciliationWorkflowImpl.class,
        ReconciliationSchedulerWorkflowImpl.class);
    reconciliation.registerActivitiesImplementations(reconciliationActivities);
  }

  /**
   * Adds the channels' lifecycle workflows ({@code channel-{name}}) and their activities to the
   * migrations' task queue: engineers' requests, rare, kept apart from the payments. Before {@link
   * #start}.
   */
  public PaymentWorkers withChannelLifecycle(ChannelLifecycleActivities activities) {
    Worker migrations = factory.getWorker(TemporalNames.MIGRATIONS_TASK_QUEUE);
    migrations.registerWorkflowImplementationTypes(ChannelLifecycleWorkflowImpl.class);
    migrations.registerActivitiesImplementations(activities);
    return this;
  }

  @Override
  public void start() {
    factory.start();
    running = true;
    log.info(
        "worker polling task queues {}, {} and {}",
        TemporalNames.PAYMENTS_TASK_QUEUE,
        TemporalNames.MIGRATIONS_TASK_QUEUE,
        TemporalNames.RECONCILIATION_TASK_QUEUE);
  }

  @Override
  public void stop() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    running = false;
  }

  /**
   * The workers poll their task queues: started and not shut down (the worker's readiness, with
   * Temporal and PostgreSQL answering).
   */
  public boolean polling() {
    return running && factory.isStarted() && !factory.isShutdown();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
