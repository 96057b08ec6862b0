package io.channelshift.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Sorts a profile's CPU samples into the parts of the embedded stack, by the thread that spent
 * them: each part runs on threads of its own (Tomcat's for the REST API, the SDK's executors for
 * workflow code and activities, the sandbox's for the provider), so the thread says where the time
 * went without guessing from the frames.
 */
final class CpuComponents {

  record Component(String name, Predicate<String> ranOn) {}

  /** In order: the first whose threads match takes the sample. */
  static final List<Component> COMPONENTS =
      List.of(
          new Component(
              "REST API: Tomcat, Spring MVC and security, the starter's controllers",
              t -> t.startsWith("http-nio-")),
          new Component("the starter's update-with-start", t -> t.equals("checkout")),
          new Component(
              "workflow code and the SDK's state machines",
              t -> t.startsWith("workflow-") || t.startsWith("Workflow Executor")),
          new Component("local activities", t -> t.startsWith("Local Activity Executor")),
          new Component("activities", t -> t.startsWith("Activity Executor")),
          new Component("gRPC and the Temporal test server", t -> t.startsWith("grpc-")),
          new Component(
              "task pollers and timers",
              t -> t.contains("Poller") || t.contains("Timer") || t.startsWith("LocalActivity")),
          new Component(
              "sandbox providers and the webhook receiver",
              t -> t.startsWith("sandbox-") || t.startsWith("HTTP-Dispatcher")),
          new Component("benchmark clients", t -> t.startsWith(BenchRunner.CLIENT_THREADS)),
          new Component("JIT compiler", t -> t.contains("CompilerThre")),
          new Component("garbage collector", t -> t.startsWith("GC ") || t.startsWith("G1 ")),
          new Component("other", t -> true));

  private CpuComponents() {}

  /**
   * Samples per component (every component, in order) of a profile in collapsed form with thread
   * names.
   */
  static Map<String, Long> samples(Path collapsed) {
    try (Stream<String> lines = Files.lines(collapsed)) {
      return samples(lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Long> samples(Stream<String> collapsedLines) {
    Map<String, Long> byComponent = new LinkedHashMap<>();
    COMPONENTS.forEach(c -> byComponent.put(c.name(), 0L));
    collapsedLines
        .filter(line -> !line.isBlank())
        .forEach(
            line -> {
              int count = line.lastIndexOf(' ');
              long samples = Long.parseLong(line.substring(count + 1).trim());
              String thread = threadOf(line);
              String component =
                  COMPONENTS.stream()
                      .filter(c -> c.ranOn().test(thread))
                      .findFirst()
                      .orElseThrow()
                      .name();
              byComponent.merge(component, samples, Long::sum);
            });
    return byComponent;
  }

  /** async-profiler's {@code threads} option makes the first frame {@code [name tid=N]}. */
  static String threadOf(String collapsedLine) {
    if (!collapsedLine.startsWith("[")) {
      return "";
    }
    int end = collapsedLine.indexOf(']');
    String frame = collapsedLine.substring(1, end < 0 ? collapsedLine.length() : end);
    int tid = frame.lastIndexOf(" tid=");
    return tid < 0 ? frame : frame.substring(0, tid);
  }
}
