package io.channelshift.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.WorkflowReplayer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed payment history replays against the current workflow code: a change that would
 * break a running payment fails here. New histories are recorded by {@link PaymentHistoryRecorder}
 * (see docs/testing.md).
 */
class PaymentReplayTest {

  static final Path HISTORIES = Path.of("src/test/resources/histories");

  static Stream<File> histories() throws Exception {
    try (Stream<Path> files = Files.list(HISTORIES)) {
      return files
          .filter(
              p ->
                  p.getFileName().toString().startsWith("payment-")
                      && p.toString().endsWith(".json"))
          .sorted()
          .map(Path::toFile)
          .toList()
          .stream();
    }
  }

  @Test
  void thereAreHistoriesToReplay() throws Exception {
    assertThat(histories()).hasSizeGreaterThanOrEqualTo(6);
  }

  @ParameterizedTest
  @MethodSource("histories")
  void replaysWithoutNonDeterminism(File history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history, PaymentWorkflowImpl.class);
  }
}
