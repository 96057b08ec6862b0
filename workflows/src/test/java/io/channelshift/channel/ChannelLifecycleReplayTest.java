package io.channelshift.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.WorkflowReplayer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every committed channel lifecycle history replays against the current workflow code. */
class ChannelLifecycleReplayTest {

  static Stream<File> histories() throws Exception {
    try (Stream<Path> files = Files.list(ChannelLifecycleHistoryRecorder.HISTORIES)) {
      return files
          .filter(
              p ->
                  p.getFileName().toString().startsWith("channel-lifecycle-")
                      && p.toString().endsWith(".json"))
          .sorted()
          .map(Path::toFile)
          .toList()
          .stream();
    }
  }

  @Test
  void thereAreHistoriesToReplay() throws Exception {
    assertThat(histories()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("histories")
  void replaysWithoutNonDeterminism(File history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history, ChannelLifecycleWorkflowImpl.class);
  }
}
