package io.channelshift.worker.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The collector's series in the meter registry, grouped by where they came from (the store, one
 * migration, one scope's health). A scrape reads the values last set, never the database or
 * Temporal. Replacing a group registers its new series, updates the others and removes the series
 * it no longer has, so a migration's gauges go when it ends. Used by the collector's one thread.
 */
final class GaugeBoard {

  /** A series' current value, read by the meter at each scrape. */
  private static final class Cell {
    volatile double value;
  }

  private record Entry(Meter meter, Cell cell) {}

  private final MeterRegistry registry;
  private final Map<String, Map<Sample.Key, Entry>> groups = new HashMap<>();

  GaugeBoard(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The group's series become exactly these. */
  void replace(String group, Collection<Sample> samples) {
    Map<Sample.Key, Entry> old = groups.getOrDefault(group, Map.of());
    Map<Sample.Key, Entry> now = new HashMap<>();
    for (Sample s : samples) {
      Entry e = old.get(s.key());
      if (e == null) {
        e = now.containsKey(s.key()) ? now.get(s.key()) : register(s);
      }
      e.cell().value = s.value();
      now.put(s.key(), e);
    }
    old.forEach(
        (key, e) -> {
          if (!now.containsKey(key)) {
            registry.remove(e.meter());
          }
        });
    groups.put(group, now);
  }

  /** Removes every group the predicate does not keep (a migration that ended, a scope gone). */
  void retainGroups(Predicate<String> keep) {
    Set<String> gone = new HashSet<>();
    groups.keySet().stream().filter(keep.negate()).forEach(gone::add);
    gone.forEach(g -> replace(g, List.of()));
    gone.forEach(groups::remove);
  }

  Set<String> groups() {
    return Set.copyOf(groups.keySet());
  }

  private Entry register(Sample s) {
    Cell cell = new Cell();
    Tags tags = Tags.empty();
    for (Map.Entry<String, String> l : s.labels().entrySet()) {
      tags = tags.and(l.getKey(), l.getValue());
    }
    Meter meter =
        switch (s.type()) {
          case GAUGE ->
              Gauge.builder(s.name(), cell, c -> c.value)
                  .tags(tags)
                  .strongReference(true)
                  .register(registry);
          // Micrometer adds the _total back for Prometheus
          case COUNTER ->
              FunctionCounter.builder(
                      s.name().substring(0, s.name().length() - "_total".length()),
                      cell,
                      c -> c.value)
                  .tags(tags)
                  .register(registry);
        };
    return new Entry(meter, cell);
  }
}
