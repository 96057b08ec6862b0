package io.channelshift.starter.scopes;

import io.channelshift.health.ChannelHealthStatus;
import io.channelshift.health.ChannelHealthWorkflow;
import io.channelshift.health.HealthAction;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.BoundedWaits;
import io.channelshift.starter.web.ScopeHealthReads;
import io.channelshift.temporal.TemporalNames;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The starter's side of a scope's health workflow: read its status, pass engineers' requests on. As
 * for migrations, each call waits at most {@link #ANSWER_TIMEOUT} in a bulkhead per scope, and a
 * refused request comes back as 409 with the workflow's reason.
 */
@Service
class ScopeHealthGateway implements ScopeHealthReads {

  /**
   * A failover is a routing write (an activity with its own retries): 30 s means something is down.
   */
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

  static final int WAITING_PER_SCOPE = 16;

  private final WorkflowClient client;
  private final HealthWorkflowStarts starts;
  private final BoundedWaits waits =
      new BoundedWaits("Scope health", WAITING_PER_SCOPE, ANSWER_TIMEOUT);

  ScopeHealthGateway(WorkflowClient client, HealthWorkflowStarts starts) {
    this.client = client;
    this.starts = starts;
  }

  /** The scope's health; empty when the scope has no health workflow (yet). */
  @Override
  public Optional<ChannelHealthStatus> status(String scope) {
    return waits.call(
        scope,
        () -> {
          try {
            return Optional.ofNullable(stub(scope).status());
          } catch (WorkflowNotFoundException e) {
            // A read starts nothing (ops may read): the starter's scan starts it within an
            // interval.
            return Optional.<ChannelHealthStatus>empty();
          }
        },
        "the health workflow of scope "
            + scope
            + " did not answer within "
            + ANSWER_TIMEOUT.toSeconds()
            + " s (is a worker running?); ask again");
  }

  /** Passes an engineer's request on; refused ones come back as 409 with the reason. */
  ChannelHealthStatus act(String scope, HealthAction action) {
    return waits.call(
        scope,
        () -> {
          try {
            return update(scope, action);
          } catch (WorkflowNotFoundException e) {
            if (!starts.ensure(scope)) {
              throw notFound(scope);
            }
            return update(scope, action);
          }
        },
        "the health workflow of scope "
            + scope
            + " did not answer within "
            + ANSWER_TIMEOUT.toSeconds()
            + " s (is a worker running, is the store up?); the "
            + action.action()
            + " may still be carried out: read the health, whose timeline shows it, before asking"
            + " again");
  }

  private ChannelHealthStatus update(String scope, HealthAction action) {
    try {
      return stub(scope).request(action);
    } catch (WorkflowUpdateException e) {
      String reason =
          e.getCause() instanceof ApplicationFailure f ? f.getOriginalMessage() : e.getMessage();
      throw new ApiProblem(HttpStatus.CONFLICT, "Request refused", reason);
    }
  }

  static ApiProblem notFound(String scope) {
    return new ApiProblem(
        HttpStatus.NOT_FOUND,
        "Scope not found",
        "scope "
            + scope
            + " has no health workflow: it has no routing table, or its workflow starts within"
            + " one health interval");
  }

  private ChannelHealthWorkflow stub(String scope) {
    return client.newWorkflowStub(
        ChannelHealthWorkflow.class, TemporalNames.channelHealthWorkflowId(scope));
  }

  @PreDestroy
  void stop() {
    waits.close();
  }
}
