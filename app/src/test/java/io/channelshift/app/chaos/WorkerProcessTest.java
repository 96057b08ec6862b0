package io.channelshift.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drills' worker gets its settings, secrets among them, from an owner-only file, never on its
 * command line.
 */
class WorkerProcessTest {

  private static final String SECRET = "drill-secret-3b1f9c";

  @TempDir Path logs;

  @Test
  void theSettingsAreInAnOwnerOnlyFileThatGoesWithTheWorker() throws Exception {
    WorkerProcess worker =
        new WorkerProcess(
            Map.of(
                "channelshift.channels.legacy.merchant-secret", SECRET,
                "channelshift.codec.keys.k-1", "e4cja0aB4wy36GveVsdM/Rish3ICrJdxAPny7OgXT0E=",
                "channelshift.temporal.target", "127.0.0.1:1"),
            logs);
    worker.start();
    try {
      Path settings = worker.settings();
      assertThat(WorkerProcess.command(settings))
          .noneMatch(arg -> arg.contains(SECRET))
          .contains("--spring.config.additional-location=file:" + settings.toAbsolutePath());
      Properties written = new Properties();
      try (InputStream in = Files.newInputStream(settings)) {
        written.load(in);
      }
      assertThat(written)
          .containsEntry("channelshift.channels.legacy.merchant-secret", SECRET)
          .containsEntry(
              "channelshift.codec.keys.k-1", "e4cja0aB4wy36GveVsdM/Rish3ICrJdxAPny7OgXT0E=")
          .containsEntry("logging.level.root", "WARN");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings)))
          .isEqualTo("rw-------");
    } finally {
      worker.stop();
    }
    assertThat(worker.settings()).isNull();
  }

  @Test
  void aKilledWorkersSettingsAreDeletedToo() throws Exception {
    WorkerProcess worker =
        new WorkerProcess(Map.of("channelshift.temporal.target", "127.0.0.1:1"), logs);
    worker.start();
    Path settings = worker.settings();
    assertThat(settings).exists();

    worker.kill();

    assertThat(settings).doesNotExist();
  }
}
