package io.channelshift.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.WorkflowReplayer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every committed reconciliation history replays against the current workflow code. */
class ReconciliationReplayTest {

  static Stream<File> histories() throws Exception {
    try (Stream<Path> files = Files.list(ReconciliationHistoryRecorder.HISTORIES)) {
      return files
          .filter(
              p ->
                  p.getFileName().toString().startsWith("reconcile-")
                      && p.toString().endsWith(".json"))
          .sorted()
          .map(Path::toFile)
          .toList()
          .stream();
    }
  }

  @Test
  void thereAreHistoriesToReplay() throws Exception {
    assertThat(histories()).hasSizeGreaterThanOrEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("histories")
  void replaysWithoutNonDeterminism(File history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history, ReconciliationWorkflowImpl.class, DailyReconciliationWorkflowImpl.class);
  }
}
