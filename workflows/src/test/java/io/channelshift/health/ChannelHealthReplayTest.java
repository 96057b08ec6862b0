package io.channelshift.health;

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

/** Every committed scope health history replays against the current workflow code. */
class ChannelHealthReplayTest {

  static final Path HISTORIES = Path.of("src/test/resources/histories");

  static Stream<File> histories() throws Exception {
    try (Stream<Path> files = Files.list(HISTORIES)) {
      return files
          .filter(
              p ->
                  p.getFileName().toString().startsWith("channels-")
                      && p.toString().endsWith(".json"))
          .sorted()
          .map(Path::toFile)
          .toList()
          .stream();
    }
  }

  /** Loads the SDK's classes once before judging (see MigrationReplayTest#warmUp). */
  @BeforeAll
  static void warmUp() throws Exception {
    try {
      WorkflowReplayer.replayWorkflowExecution(
          histories().findFirst().orElseThrow(), ChannelHealthWorkflowImpl.class);
    } catch (Exception | AssertionError coldStart) {
      // judged in replaysWithoutNonDeterminism
    }
  }

  @Test
  void thereAreHistoriesToReplay() throws Exception {
    assertThat(histories()).hasSizeGreaterThanOrEqualTo(4);
  }

  @ParameterizedTest
  @MethodSource("histories")
  void replaysWithoutNonDeterminism(File history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history, ChannelHealthWorkflowImpl.class);
  }
}
