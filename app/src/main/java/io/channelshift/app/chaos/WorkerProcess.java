package io.channelshift.app.chaos;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The worker as a process of its own (the production shape), so that a drill can kill it with
 * SIGKILL and start it again. It runs this very build: {@code java -jar channelshift.jar worker
 * ...} when this process runs from the launcher's jar, else the same class path with {@code
 * ChannelShiftCommand worker}. Its output goes to a log file (kept for the secret check and for
 * when a drill fails). Its settings (merchant secrets and the payload key among them) go in a file
 * only this user can read, not on its command line, where {@code ps} shows them to anyone on the
 * machine; the file is deleted when the worker is stopped or killed.
 */
final class WorkerProcess {

  private final Map<String, String> properties;
  private final Path log;
  private Process process;
  private Path settings;
  private int starts;

  WorkerProcess(Map<String, String> properties, Path logDirectory) throws IOException {
    this.properties = Map.copyOf(properties);
    this.log = Files.createDirectories(logDirectory).resolve("worker.log");
    Files.deleteIfExists(log);
  }

  void start() throws IOException {
    settings = writeSettings();
    process =
        new ProcessBuilder(command(settings))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    starts++;
  }

  /**
   * The worker's command line: the JVM, this build, and where its settings are; no setting itself.
   */
  static List<String> command(Path settingsFile) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    String classPath = System.getProperty("java.class.path");
    if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
      command.addAll(List.of("-jar", classPath, "worker"));
    } else {
      command.addAll(
          List.of("-cp", classPath, "io.channelshift.app.ChannelShiftCommand", "worker"));
    }
    command.add("--spring.config.additional-location=file:" + settingsFile.toAbsolutePath());
    return command;
  }

  /**
   * A temporary file is created readable by its owner only (0600 where the file system has
   * permissions).
   */
  private Path writeSettings() throws IOException {
    Properties values = new Properties();
    values.putAll(properties);
    values.putIfAbsent("logging.level.root", "WARN");
    Path file = Files.createTempFile("channelshift-worker-", ".properties");
    file.toFile().deleteOnExit();
    try (OutputStream out = Files.newOutputStream(file)) {
      values.store(out, null); // ISO-8859-1 with escapes, as Spring Boot reads .properties files
    }
    return file;
  }

  private void deleteSettings() throws IOException {
    if (settings != null) {
      Files.deleteIfExists(settings);
      settings = null;
    }
  }

  /** SIGKILL: no shutdown hook runs, in-flight activities are simply gone. */
  void kill() throws InterruptedException, IOException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    deleteSettings();
  }

  void stop() throws InterruptedException, IOException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    deleteSettings();
  }

  /** The settings file of the running worker, or null when none runs. */
  Path settings() {
    return settings;
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
