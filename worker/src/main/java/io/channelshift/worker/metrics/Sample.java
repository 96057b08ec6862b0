package io.channelshift.worker.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * One series the collector publishes: its Prometheus name, its labels and its value.
 *
 * @param name the Prometheus name; a counter's ends in {@code _total}
 * @param labels label names to values, sorted
 */
public record Sample(String name, Type type, Map<String, String> labels, double value) {

  public enum Type {
    GAUGE,
    /** Monotonic: a count kept in the database, read, never reset by a restart of the worker. */
    COUNTER
  }

  public Sample {
    if (type == Type.COUNTER && !name.endsWith("_total")) {
      throw new IllegalArgumentException("a counter's name ends in _total: " + name);
    }
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  public static Sample gauge(String name, Map<String, String> labels, double value) {
    return new Sample(name, Type.GAUGE, labels, value);
  }

  public static Sample counter(String name, Map<String, String> labels, double value) {
    return new Sample(name, Type.COUNTER, labels, value);
  }

  /** What identifies the series: name and labels, not the value. */
  public Key key() {
    return new Key(name, labels);
  }

  public record Key(String name, Map<String, String> labels) {}
}
