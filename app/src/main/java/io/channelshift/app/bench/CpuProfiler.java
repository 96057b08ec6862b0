package io.channelshift.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import one.profiler.AsyncProfiler;

/**
 * Samples the whole process's CPU during one run with async-profiler (its native library comes in
 * its jar), one sample per millisecond of a thread's CPU, and writes each run's stacks in collapsed
 * form, thread names first. Uses perf events where the kernel allows them and the CPU timer where
 * it does not (containers often).
 */
final class CpuProfiler {

  static final int INTERVAL_MS = 1;

  private final AsyncProfiler profiler;
  private final Path directory;
  private final String event;

  private CpuProfiler(AsyncProfiler profiler, Path directory, String event) {
    this.profiler = profiler;
    this.directory = directory;
    this.event = event;
  }

  /**
   * Loads the profiler and finds which event this machine allows; fails with the reason if neither.
   */
  static CpuProfiler into(Path directory) throws IOException {
    Files.createDirectories(directory);
    AsyncProfiler profiler;
    try {
      profiler = AsyncProfiler.getInstance();
    } catch (LinkageError | IllegalStateException e) {
      throw new IOException(
          "async-profiler does not load on this platform ("
              + System.getProperty("os.name")
              + " "
              + System.getProperty("os.arch")
              + "): "
              + e.getMessage(),
          e);
    }
    for (String event : List.of("cpu", "itimer")) {
      if (works(profiler, event)) {
        return new CpuProfiler(profiler, directory, event);
      }
    }
    throw new IOException("async-profiler can sample neither perf events nor the CPU timer here");
  }

  /** Whether sampling with this event starts here (perf events are often refused in containers). */
  private static boolean works(AsyncProfiler profiler, String event) {
    try {
      profiler.execute(start(event));
      profiler.execute("stop");
      return true;
    } catch (IOException | IllegalStateException e) {
      return false;
    }
  }

  String event() {
    return event;
  }

  void start() {
    execute(start(event));
  }

  /** Stops and writes the run's profile as {@code name.collapsed}. */
  void stop(String name) {
    execute("stop,file=" + directory.resolve(name + ".collapsed").toAbsolutePath() + ",collapsed");
  }

  private void execute(String command) {
    try {
      profiler.execute(command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String start(String event) {
    return "start,event=" + event + ",interval=" + INTERVAL_MS + "ms,threads";
  }
}
