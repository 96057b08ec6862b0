package io.channelshift.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.WorkflowReplayer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every committed migration history replays against the current workflow code. */
class MigrationReplayTest {

  static final Path HISTORIES = Path.of("src/test/resources/histories");

  static Stream<File> histories() throws Exception {
    try (Stream<Path> files = Files.list(HISTORIES)) {
      return files
          .filter(
              p ->
                  p.getFileName().toString().startsWith("migration-")
                      && p.toString().endsWith(".json"))
          .sorted()
          .map(Path::toFile)
          .toList()
          .stream();
    }
  }

  /**
   * The first replay in a fresh JVM loads the SDK's and Jackson's classes inside the workflow
   * thread; on a loaded machine that alone outlasts the SDK's 1 s deadlock detector, and the first
   * history (whichever sorts first) failed for it. One replay beforehand, its outcome ignored,
   * loads them; every history is still replayed and judged below.
   */
  @BeforeAll
  static void warmUp() throws Exception {
    try {
      WorkflowReplayer.replayWorkflowExecution(
          histories().findFirst().orElseThrow(), MigrationWorkflowImpl.class);
    } catch (Exception | AssertionError coldStart) {
      // judged in replaysWithoutNonDeterminism
    }
  }

  @Test
  void thereAreHistoriesToReplay() throws Exception {
    assertThat(histories()).hasSizeGreaterThanOrEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("histories")
  void replaysWithoutNonDeterminism(File history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history, MigrationWorkflowImpl.class);
  }
}
