package io.channelshift.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Spring Boot's start-up failure report for {@link TemporalNotUsable}: the operator's message and
 * what to do, instead of a stack trace through bean creation.
 */
public final class TemporalNotUsableAnalyzer extends AbstractFailureAnalyzer<TemporalNotUsable> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, TemporalNotUsable cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Fix the Temporal connection (channelshift.temporal.*, --temporal, TEMPORAL_ADDRESS) or the"
            + " namespace as said above, then start again.",
        cause);
  }
}
