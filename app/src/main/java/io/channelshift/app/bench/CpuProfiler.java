package io.channelshift.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import one.profiler.AsyncProfiler;

/**
 * Samples the whole process's CPU during one run with async-profiler (its native library comes in its jar), one
 * sample per millisecond of a thread's CPU, and writes each run's stacks in collapsed form, thread names first.
 * Uses perf events where the kernel allows them and the CPU timer where it does not (containers often).
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

  /** Loads the profiler and finds which event this machine allows; fails with the reason if neither. */
  static CpuProfiler into(Path directory) throws IOException {
    Files.createDirectories(directory);
    AsyncProfiler profiler;
    try {
      profiler = AsyncProfiler.getInstance();
    } catch (LinkageError | IllegalStateException e) {
      throw new IOException("async-profiler does not load on this platform (" + System.getProperty("os.name") + " "
          + System.getProperty("os.arch") + "): " + e.getMessage(), e);
    }
    for (String event : new String[] {"cpu", "itimer"}) {
      try {
        profiler.execute(start(event));
        profiler.execute("stop");
        return new CpuProfiler(profiler, directory, event);
      } catch (IOException | IllegalStateException e) {
        if (event.equals("itimer")) {
          throw new IOException("async-profiler cannot sample CPU here: " + e.getMessage(), e);
        }
      }
    }
    throw new AssertionError("unreachable");
  }

  String event() {
    return event;
  }

  void start() throws IOException {
    profiler.execute(start(event));
  }

  /** Stops and writes the run's profile as {@code name.collapsed}; returns the file. */
  Path stop(String name) throws IOException {
    Path file = directory.resolve(name + ".collapsed");
    profiler.execute("stop,file=" + file.toAbsolutePath() + ",collapsed");
    return file;
  }

  private static String start(String event) {
    return "start,event=" + event + ",interval=" + INTERVAL_MS + "ms,threads";
  }
}
