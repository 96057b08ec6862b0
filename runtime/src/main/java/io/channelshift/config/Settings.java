package io.channelshift.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers the settings records share. */
final class Settings {

  private Settings() {}

  /**
   * An unmodifiable copy that keeps the configured order (channels, keys and limits are listed, and
   * registered, in the order they are configured; {@code Map.copyOf} would lose it). Null is an
   * empty map.
   */
  static <V> Map<String, V> orderedCopy(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
