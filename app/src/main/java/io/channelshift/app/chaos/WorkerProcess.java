package io.channelshift.app.chaos;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The worker as a process of its own (the production shape), so that a drill can kill it with SIGKILL and start it
 * again. It runs this very build: {@code java -jar channelshift.jar worker ...} when this process runs from the
 * launcher's jar, else the same class path with {@code ChannelShiftCommand worker}. Its output goes to a log file
 * (kept for the secret check and for when a drill fails).
 */
final class WorkerProcess {

  private final Map<String, String> properties;
  private final Path log;
  private Process process;
  private int starts;

  WorkerProcess(Map<String, String> properties, Path logDirectory) throws IOException {
    this.properties = Map.copyOf(properties);
    this.log = Files.createDirectories(logDirectory).resolve("worker.log");
    Files.deleteIfExists(log);
  }

  void start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    String classPath = System.getProperty("java.class.path");
    if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
      command.addAll(List.of("-jar", classPath, "worker"));
    } else {
      command.addAll(List.of("-cp", classPath, "io.channelshift.app.ChannelShiftCommand", "worker"));
    }
    Map<String, String> args = new LinkedHashMap<>(properties);
    args.putIfAbsent("logging.level.root", "WARN"); // a repeated argument would be joined with a comma
    args.forEach((k, v) -> command.add("--" + k + "=" + v));
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    starts++;
  }

  /** SIGKILL: no shutdown hook runs, in-flight activities are simply gone. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  int starts() {
    return starts;
  }

  Path log() {
    return log;
  }
}
